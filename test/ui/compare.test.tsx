// The comparison table against a real run of the "revocation" scenario (seed 7, real WebCrypto):
// what a reader sees in each cell, parsed back out of the DOM.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { ComparisonTable } from '../../src/ui/compare/ComparisonTable';
import { AppStoreProvider } from '../../src/ui/storeContext';

afterEach(cleanup);

async function setup(view: 'both' | 'session' | 'jwt' = 'both', atMs = 20_000): Promise<AppStore> {
  const store = createAppStore({ scenarioId: 'revocation', view });
  await store.getState().load();
  await store.player.seek(atMs);
  render(
    <AppStoreProvider store={store}>
      <ComparisonTable />
    </AppStoreProvider>,
  );
  return store;
}

const table = () => screen.getByRole('table', { name: 'Sessions vs JWT, measured in this run' });

/** The session and JWT cells of the row whose header reads `label`. */
function cells(label: string): { session: HTMLElement; jwt: HTMLElement } {
  const row = within(table()).getByRole('rowheader', { name: label }).closest('tr')!;
  const [session, jwt] = within(row).getAllByRole('cell');
  return { session: session!, jwt: jwt! };
}

/** The bold measured value of a cell. */
const measured = (cell: HTMLElement): string => cell.querySelector('strong')?.textContent ?? '';
const firstNumber = (text: string): number => {
  const m = /-?\d+(?:\.\d+)?/.exec(text);
  if (!m) throw new Error(`no number in "${text}"`);
  return Number(m[0]);
};

describe('ComparisonTable', () => {
  it('has the article rows, column headers and row headers', async () => {
    await setup();
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Question', 'Session + cookie', 'JWT']);
    const rows = within(table())
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(rows).toEqual([
      'Where user data lives',
      'What the credential holds',
      'State on the servers',
      'Store lookups per request',
      'Bytes per request',
      'Time from revocation to rejection',
      'When a server or the store failed',
      'Latency p50 / p99',
    ]);
    const bytes = cells('Bytes per request');
    expect(bytes.session.textContent).toContain('Small (just an ID)');
    expect(bytes.jwt.textContent).toContain('Larger (full encoded payload)');
  });

  it('measures one store lookup per session request and none per JWT request', async () => {
    await setup();
    const { session, jwt } = cells('Store lookups per request');
    expect(measured(session)).toMatch(/^1\.00 \(\d+ lookups \/ \d+ requests\)$/);
    expect(firstNumber(measured(session))).toBe(1);
    expect(firstNumber(measured(jwt))).toBe(0);
    expect(measured(jwt)).toMatch(/0 lookups/);
    expect(measured(jwt)).toMatch(/[1-9]\d* signature checks/);
  });

  it('measures JWT requests as larger than session requests', async () => {
    await setup();
    const { session, jwt } = cells('Bytes per request');
    const s = firstNumber(measured(session));
    const j = firstNumber(measured(jwt));
    expect(s).toBeGreaterThan(0);
    expect(j).toBeGreaterThan(s);
    expect(measured(session)).toMatch(/^\d+(\.\d)? B, of which the credential \d+(\.\d)? B$/);
  });

  it('shows the real credentials: a 128-bit session id and a three-part token', async () => {
    await setup();
    const { session, jwt } = cells('What the credential holds');
    expect(measured(session)).toBe('a random id, 22 characters (128 bits)');
    expect(measured(jwt)).toMatch(/^header\.payload\.signature, \d+ characters$/);
    expect(firstNumber(measured(jwt))).toBeGreaterThan(100);
    const where = cells('Where user data lives');
    expect(measured(where.jwt)).toMatch(/^in the token: sub, role, .*\(\d+ claims\)$/);
    expect(measured(where.session)).toMatch(/session records? in the store$/);
  });

  it('measures revocation: immediate for sessions, a long exposure for JWT; nothing before the ban', async () => {
    const store = await setup();
    let rev = cells('Time from revocation to rejection');
    expect(measured(rev.session)).toMatch(/^immediate/);
    expect(measured(rev.jwt)).toMatch(/^exposure \d+\.\d s: \d+ requests accepted after it$/);
    expect(firstNumber(measured(rev.jwt))).toBeGreaterThan(10);

    await act(() => store.player.seek(3000));
    rev = cells('Time from revocation to rejection');
    expect(measured(rev.session)).toBe('nothing revoked yet');
    expect(measured(rev.jwt)).toBe('nothing revoked yet');
    // Before the ban Alice still has her session in the store.
    expect(measured(cells('State on the servers').session)).toBe('1 session held');
  });

  it('reports no failures and real latencies in this scenario', async () => {
    await setup();
    const failure = cells('When a server or the store failed');
    expect(measured(failure.session)).toBe('no failures so far');
    expect(measured(failure.jwt)).toBe('no failures so far');
    const latency = cells('Latency p50 / p99');
    expect(measured(latency.session)).toMatch(/^\d+\.\d ms \/ \d+\.\d ms$/);
    expect(firstNumber(measured(latency.session))).toBeGreaterThan(0);
  });

  it('asks for side by side in the column of a world that is not loaded', async () => {
    await setup('jwt');
    const { session, jwt } = cells('Bytes per request');
    expect(session.querySelector('strong')).toBeNull();
    expect(session.textContent).toContain('switch to side by side to measure');
    expect(session.textContent).toContain('Small (just an ID)');
    expect(firstNumber(measured(jwt))).toBeGreaterThan(0);
  });
});
