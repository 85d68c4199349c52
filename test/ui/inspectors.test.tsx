// The inspector panel against a real run of the "revocation" scenario (seed 7, real WebCrypto).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore, type Selection } from '../../src/store/createAppStore';
import type { WorldSnapshot } from '../../src/store/snapshot';
import { AppStoreProvider } from '../../src/ui/storeContext';
import InspectorPanel from '../../src/ui/inspectors/InspectorPanel';
import { predictAcceptance } from '../../src/ui/inspectors/predict';
import { decodeJwtParts } from '../../src/auth/jwtText';
import { fromNumericDate } from '../../src/sim/world';

afterEach(cleanup);

async function setup(atMs = 8000, scenarioId = 'revocation', questionsOn?: boolean): Promise<{ store: AppStore; container: HTMLElement }> {
  const store = createAppStore({ scenarioId, view: 'both', questionsOn });
  await store.getState().load();
  await store.player.seek(atMs);
  const { container } = render(
    <AppStoreProvider store={store}>
      <InspectorPanel />
    </AppStoreProvider>,
  );
  return { store, container };
}

const select = (store: AppStore, sel: Selection | null) => act(() => store.getState().select(sel));
const panel = () => screen.getByRole('region', { name: 'Inspector' });
const jwtWorld = (store: AppStore): WorldSnapshot => store.getState().worlds.jwt!;
const sessionWorld = (store: AppStore): WorldSnapshot => store.getState().worlds.session!;
const firstApi = (w: WorldSnapshot) => w.requests.find((r) => r.kind === 'api' && r.status === 200)!;

describe('InspectorPanel', () => {
  it('shows a hint when nothing is selected', async () => {
    await setup();
    expect(panel().textContent).toContain('Click a request, a browser, a server, the store or the key set to inspect it.');
    expect(screen.queryByRole('button', { name: 'Close inspector' })).toBeNull();
  });

  it('shows a JWT request: raw text, the Authorization line marked, byte counts and the three parts', async () => {
    const { store, container } = await setup();
    const req = firstApi(jwtWorld(store));
    await select(store, { kind: 'request', mode: 'jwt', requestId: req.id });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain(`Request #${req.id}`);
    const raw = screen.getByLabelText('Raw HTTP request');
    expect(raw.textContent).toContain('GET /api/profile HTTP/1.1');
    const mark = container.querySelector('mark')!;
    expect(mark.textContent).toMatch(/^Authorization: Bearer eyJ/);
    expect(mark.className).toContain('insp-mark-jwt');
    const text = panel().textContent;
    expect(text).toContain(`${req.requestBytes} bytes`);
    expect(text).toContain(`${req.credentialBytes} bytes`);
    expect(text).toContain(`(${((req.credentialBytes / req.requestBytes) * 100).toFixed(1)} %`);
    expect(text).toContain(`Response ${req.responseBytes} bytes`);
    expect(text).toContain('200 ok: accepted');
    expect(screen.getByLabelText('Raw HTTP response').textContent).toContain('HTTP/1.1 200 OK');
    const token = mark.textContent.slice('Authorization: Bearer '.length);
    const [h, p, s] = token.split('.');
    expect(container.querySelector('.insp-jwt-encoded .insp-jwt-header')!.textContent).toBe(h);
    expect(container.querySelector('.insp-jwt-encoded .insp-jwt-payload')!.textContent).toBe(p);
    expect(container.querySelector('.insp-jwt-encoded .insp-jwt-signature')!.textContent).toBe(s);
    expect(text).toContain('"alg": "EdDSA"');
    expect(text).toContain('"sub": "alice"');
  });

  it('counts the JWT down in simulation time', async () => {
    const { store, container } = await setup();
    await select(store, { kind: 'request', mode: 'jwt', requestId: firstApi(jwtWorld(store)).id });
    const countdown = () => container.querySelector('.insp-countdown')!.textContent;
    // exp = issue second + 30 s; the token was issued in the run's first second.
    expect(countdown()).toBe('expires in 22.0 s');
    await act(() => store.player.seek(12000));
    expect(countdown()).toBe('expires in 18.0 s');
    await act(() => store.player.seek(33000));
    expect(countdown()).toBe('expired 3.0 s ago');
  });

  it('marks a session request\u2019s Cookie line in session colour', async () => {
    const { store, container } = await setup();
    const req = firstApi(sessionWorld(store));
    await select(store, { kind: 'request', mode: 'session', requestId: req.id });
    const mark = container.querySelector('mark')!;
    expect(mark.textContent).toMatch(/^Cookie: __Host-sid=/);
    expect(mark.className).toContain('insp-mark-session');
    expect(container.querySelector('.insp-jwt')).toBeNull();
  });

  it('shows the store\u2019s sessions: alice\u2019s before the ban, none after', async () => {
    const { store } = await setup(4000);
    await select(store, { kind: 'store', mode: 'session' });
    const table = () => screen.getByRole('table', { name: 'Sessions in the store' });
    const sid = sessionWorld(store).store.sessions[0]!;
    expect(sid.userId).toBe('alice');
    expect(within(table()).getByText('alice')).toBeTruthy();
    expect(within(table()).getByTitle(sid.id)).toBeTruthy();
    // There when the table opened: drawn in place, not faded in.
    expect(within(table()).getByText('alice').closest('tr')!.className).toBe('');
    await act(() => store.player.seek(6000));
    expect(within(table()).queryByText('alice')).toBeNull();
    expect(within(table()).getByText('No sessions.')).toBeTruthy();
    expect(panel().textContent).toMatch(/Status\s*✓ up/);
  });

  it('fades in a session created while the table is open, and none under reduced motion', async () => {
    const { store } = await setup(0);
    await select(store, { kind: 'store', mode: 'session' });
    const row = () => within(screen.getByRole('table', { name: 'Sessions in the store' })).getByText('alice').closest('tr')!;
    await act(() => store.player.seek(4000));
    expect(row().className).toBe('is-new');
    act(() => store.getState().setReducedMotion(true));
    expect(row().className).toBe('');
  });

  it('draws the same store table without animation under reduced motion', async () => {
    const { store } = await setup(4000);
    act(() => store.getState().setReducedMotion(true));
    await select(store, { kind: 'store', mode: 'session' });
    expect(within(screen.getByRole('table', { name: 'Sessions in the store' })).getByText('alice')).toBeTruthy();
  });

  it('shows the cookie jar with __Host-sid, HttpOnly and its size against 4096 bytes', async () => {
    const { store } = await setup();
    await select(store, { kind: 'client', mode: 'session', clientId: 'alice' });
    const jar = screen.getByRole('table', { name: 'Cookie jar' });
    const row = within(jar).getByText('__Host-sid').closest('tr')!;
    const cookie = sessionWorld(store).clients[0]!.jar.cookies[0]!;
    expect(row.textContent).toContain('HttpOnly');
    expect(row.textContent).toContain(`${cookie.sizeBytes} / 4096 bytes`);
    expect(row.textContent).toContain('session'); // no Expires: a session cookie
    expect(within(row).getByTitle(cookie.value)).toBeTruthy();
    expect(panel().textContent).toContain('localStorage is readable by any script');
  });

  it('predicts "Accepted now by": every server ✓ before exp, ✗ expired after', async () => {
    const { store } = await setup();
    await select(store, { kind: 'client', mode: 'jwt', clientId: 'alice' });
    const list = () => screen.getByRole('list', { name: 'Accepted now by' });
    expect(within(list()).getByText('server-1').parentElement!.textContent).toContain('✓ signature checks out (if untampered)');
    expect(list().textContent).not.toContain('✗');
    expect(panel().textContent).toContain('real WebCrypto');
    await act(() => store.player.seek(40000));
    expect(within(list()).getByText('server-1').parentElement!.textContent).toContain('✗ expired');
  });

  it('predicts down servers, unknown kids, revoked tokens and wrong algs from the snapshot', async () => {
    const { store } = await setup();
    const world = structuredClone(jwtWorld(store));
    const token = world.clients[0]!.storage.accessToken!;
    const d = decodeJwtParts(token);
    if (!d.ok) throw new Error(d.detail);
    const t = store.getState().timeMs;
    world.servers[0]!.up = false;
    world.servers[1]!.jwksCache = { kids: [], fetchedAtMs: t - 1000 };
    world.servers[2]!.jwksCache = { kids: [], fetchedAtMs: null };
    const rows = predictAcceptance(world, d.header, d.payload, t);
    expect(rows.map((r) => [r.ok, r.why.split(' ')[0]])).toEqual([
      [false, 'down'],
      [false, 'kid'],
      [true, 'will'],
    ]);
    world.options.denylist = true;
    world.store.denylist = [{ jti: String(d.payload.jti), expMs: 30000 }];
    expect(predictAcceptance(world, d.header, d.payload, t)[2]!.why).toContain('revoked');
    world.store.denylist = [];
    // A user logged out everywhere: a token issued before the cut-off is refused, one issued after it is not.
    const issuedMs = fromNumericDate(Number(d.payload.iat));
    world.store.revokedUsers = [{ userId: String(d.payload.sub), cutOffMs: issuedMs + 1 }];
    expect(predictAcceptance(world, d.header, d.payload, t)[2]!.why).toContain(`iat up to the denylist's cut-off for ${String(d.payload.sub)}, set by a ban or a log-out-everywhere`);
    world.store.revokedUsers = [{ userId: String(d.payload.sub), cutOffMs: issuedMs }];
    expect(predictAcceptance(world, d.header, d.payload, t)[2]!.ok).toBe(true);
    world.store.revokedUsers = [];
    expect(predictAcceptance(world, { ...d.header, alg: 'none' }, d.payload, t)[2]!.why).toContain('not allowed');
  });

  it('predicts as the servers check: an HS256 secret a service was given is known without fetching the key set, before the switch to EdDSA and during its overlap', async () => {
    const { store } = await setup(3000, 'microservices', false);
    const d = decodeJwtParts(jwtWorld(store).clients[0]!.storage.accessToken!);
    if (!d.ok) throw new Error(d.detail);
    expect(d.header.alg).toBe('HS256');
    const whys = () => predictAcceptance(jwtWorld(store), d.header, d.payload, store.getState().timeMs).map((p) => (p.ok ? '✓ ' : '✗ ') + p.why);
    // No service fetches a key set for a secret it holds.
    expect(new Set(whys())).toEqual(new Set(['✓ signature checks out (if untampered)']));
    // After the switch, the services cached the new public key k2; the caption says they accept both.
    await act(() => store.player.seek(18_000));
    expect(jwtWorld(store).servers.some((s) => s.jwksCache.kids.includes('k2') && !s.jwksCache.kids.includes('k1'))).toBe(true);
    expect(new Set(whys())).toEqual(new Set(['✓ signature checks out (if untampered)']));
  });

  it('shows a server: status, its clock, the key cache and a link to its last request', async () => {
    const { store } = await setup();
    await select(store, { kind: 'server', mode: 'jwt', serverId: 'server-1' });
    const text = panel().textContent;
    expect(text).toContain('Clock skew+0.0 s');
    expect(text).toContain('2026-01-05T09:00:08.000Z');
    expect(text).toContain('Cached kidsk1');
    const last = jwtWorld(store).servers[0]!.lastCheck!;
    fireEvent.click(screen.getByRole('button', { name: `request #${last.requestId}` }));
    expect(store.getState().selection).toEqual({ kind: 'request', mode: 'jwt', requestId: last.requestId });
  });

  it('shows the key set with the public JWK', async () => {
    const { store } = await setup();
    await select(store, { kind: 'keys', mode: 'jwt' });
    expect(panel().textContent).toContain('Active kid: k1');
    expect(screen.getByLabelText('Public JWK of k1').textContent).toContain('"crv": "Ed25519"');
  });

  it('keeps back that the JWT world never asks its store while store-outage asks whether Alice still gets in', async () => {
    // A seek to the outage (8.0 s) goes on to the question, which waits for the prediction.
    const { store } = await setup(8_000, 'store-outage', true);
    await select(store, { kind: 'store', mode: 'jwt' });
    expect(panel().textContent).not.toMatch(/no server asks|denylist is off/i);
    expect(panel().textContent).toContain('What this store does for the JWT world is told after your prediction.');
    act(() => store.getState().setQuestionsOn(false));
    expect(panel().textContent).toContain('The denylist is off: no server asks the store about a token.');
  });

  it('closes with its Close button (Escape belongs to the drawer around it)', async () => {
    const { store } = await setup();
    await select(store, { kind: 'keys', mode: 'jwt' });
    fireEvent.click(screen.getByRole('button', { name: 'Close inspector' }));
    expect(store.getState().selection).toBeNull();
  });

  it('says in one sentence when the selected thing is gone', async () => {
    const { store } = await setup();
    await select(store, { kind: 'request', mode: 'jwt', requestId: 99999 });
    expect(panel().textContent).toContain('Request #99999 is no longer shown');
    await select(store, { kind: 'server', mode: 'session', serverId: 'server-9' });
    expect(panel().textContent).toContain('server-9 is not part of this cluster at this moment');
    await select(store, { kind: 'client', mode: 'session', clientId: 'mallory' });
    expect(panel().textContent).toContain('There is no client called mallory');
  });
});
