// The load lab's page against a fake sweep client (happy-dom has no Worker): the form's gate, a run
// told row by row, the reading and the table after it, and a cancel that keeps the rows done.
// The client's promises are settled by the test, so nothing waits on time.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alg } from '../../src/auth/alg';
import { readSweep } from '../../src/lab/reading';
import type { SweepSettings } from '../../src/lab/settings';
import type { SweepReport, SweepRow } from '../../src/lab/sweep';
import { SweepCancelled, type SweepClient, type SweepClientHooks } from '../../src/lab/sweepClient';
import { parseLink } from '../../src/store/urlState';
import { row } from '../support/sweepRows';
import { LoadLab } from '../../src/ui/lab/LoadLab';
import { ROWS_SAID_EVERY_MS } from '../../src/ui/lab/RunControls';
import { SETTLE_MS } from '../../src/ui/lab/useSettledText';

afterEach(cleanup);

/** A client whose sweep the test drives: rows, progress, the end or a cancel, when the test says. */
function fakeClient(verifyMs = 0.18) {
  let hooks: SweepClientHooks = {};
  let settle: { resolve: (r: SweepReport) => void; reject: (e: Error) => void } | null = null;
  const client = {
    start: vi.fn((_settings: SweepSettings, h: SweepClientHooks = {}) => {
      hooks = h;
      return new Promise<SweepReport>((resolve, reject) => (settle = { resolve, reject }));
    }),
    cancel: vi.fn(() => settle?.reject(new SweepCancelled())),
    measureVerifyMs: vi.fn((_alg: Alg) => Promise.resolve(verifyMs)),
    dispose: vi.fn(),
  } satisfies SweepClient;
  return {
    client,
    progress: (rowIndex: number, total: number, share = 0) => act(async () => hooks.onProgress?.(rowIndex, total, share)),
    row: (r: SweepRow, index: number, total: number) => act(async () => hooks.onRow?.(r, index, total)),
    finish: (report: SweepReport) => act(async () => settle?.resolve(report)),
  };
}


const runButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Run sweep' });
const cancelButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Cancel' });
// Every input event, as a browser sends one per keystroke (the box listens to input, not change).
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const status = () => screen.getAllByRole('status').map((el) => el.textContent ?? '').join(' | ');
/** How the sweep goes, as the page shows it (a screen reader hears it more sparingly: `said`). */
const shown = () => document.querySelector('.lab-status')?.textContent ?? '';
const said = () => screen.getByTestId('lab-status-said').textContent ?? '';

/** The page with the cost measured (the fake answers at once) and servers 1..2 (4 rows). */
async function setup(verifyMs?: number) {
  const fake = fakeClient(verifyMs);
  await act(async () => {
    render(<LoadLab client={fake.client} />);
  });
  type('Servers from', '1');
  type('Servers to', '2');
  return fake;
}

describe('load lab form', () => {
  it('names every bad value in a sentence and disables Run until the form is valid', async () => {
    const fake = await setup();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Load lab: how sessions and JWTs scale');
    // Named once, by its heading (a11y review: the form, its heading and a fieldset each said "Sweep settings").
    expect(screen.getAllByText('Sweep settings')).toHaveLength(1);
    expect(screen.getByRole('form', { name: 'Sweep settings' })).toBeTruthy();
    expect(runButton().getAttribute('aria-disabled')).toBe('false');

    type('Users', '0');
    expect(screen.getByText('Users must be a whole number from 1 to 10000 (got 0).')).toBeTruthy();
    expect(screen.getByLabelText('Users').getAttribute('aria-invalid')).toBe('true');
    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    // Read with its box: back on it, a screen reader heard "invalid entry" and the range alone (a11y review).
    expect(screen.getByRole('textbox', { name: 'Users', description: '1 to 10000, each logged in Users must be a whole number from 1 to 10000 (got 0).' })).toBeTruthy();
    // Run (or Enter) goes to the box named, runs nothing: it did nothing and said nothing.
    screen.getByLabelText('Seed').focus();
    fireEvent.click(runButton());
    expect(fake.client.start).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByLabelText('Users'));

    type('Users', '');
    expect(screen.getByText('Users must be a whole number from 1 to 10000 (got nothing).')).toBeTruthy();
    type('Users', '50');
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
    expect(screen.getByLabelText('Users').getAttribute('aria-invalid')).toBeNull();

    type('Servers from', '5');
    expect(screen.getByText('Servers from (5) must not be more than servers to (2).')).toBeTruthy();
    // Both boxes the sentence names are marked; a box judged against the current form, not the defaults.
    const invalid = (label: string) => screen.getByLabelText(label).getAttribute('aria-invalid') === 'true';
    expect([invalid('Servers from'), invalid('Servers to')]).toEqual([true, true]);
    type('Servers to', '16');
    type('Servers from', '10');
    expect([invalid('Servers from'), invalid('Servers to')]).toEqual([false, false]);
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
    type('Servers to', '2');
    type('Servers to', '17');
    expect(screen.getByText('Servers to must be a whole number from 1 to 16 (got 17).')).toBeTruthy();
    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    type('Servers from', '1');
    type('Servers to', '2');

    for (const name of ['Session', 'JWT']) fireEvent.click(screen.getByRole('checkbox', { name }));
    // In the boxes' own words, and read with each box (a11y review: "session, jwt", and no box marked).
    expect(screen.getByText('Choose at least one model: Session or JWT.')).toBeTruthy();
    expect(screen.getAllByRole('checkbox', { description: 'Choose at least one model: Session or JWT.' })).toHaveLength(2);
    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByRole('checkbox', { name: 'JWT' }));
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
  });

  // A11y review: "Measuring the EdDSA check in this browser…" and "The EdDSA check is still being measured" were said at once.
  it('while the cost is measured, says so once: by the cost\'s figure, not again among the problems', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeClient();
      fake.client.measureVerifyMs.mockImplementation(() => new Promise<number>(() => {}));
      await act(async () => {
        render(<LoadLab client={fake.client} />);
      });
      await act(async () => vi.advanceTimersByTime(SETTLE_MS));
      expect(screen.getByText(/still being measured in this browser/)).toBeTruthy();
      expect(document.querySelector('#lab-cost-figure')!.textContent).toMatch(/^Measuring the \w+ check in this browser/);
      expect(screen.getByTestId('lab-problems-said').textContent).not.toMatch(/measured/);
    } finally {
      vi.useRealTimers();
    }
  });

  // A11y review: each keystroke's problem was read out ("1", "10", "100" each a different sentence).
  it('says the problems, or what Run would run, once the typing stops, not at each keystroke', async () => {
    vi.useFakeTimers();
    try {
      await setup();
      const said = () => screen.getByTestId('lab-problems-said');
      await act(async () => vi.advanceTimersByTime(SETTLE_MS));
      expect(said().closest('[aria-live]')).toBeTruthy();
      expect(said().textContent).toMatch(/^Run sweep runs 4 rows/);
      for (const text of ['1', '10', '100', '1000', '10000', '100000']) {
        type('Users', text);
        act(() => {
          vi.advanceTimersByTime(SETTLE_MS / 4);
        });
      }
      // Shown at once, not said yet.
      expect(screen.getByText('Users must be a whole number from 1 to 10000 (got 100000).')).toBeTruthy();
      expect(said().textContent).toMatch(/^Run sweep runs 4 rows/);
      act(() => {
        vi.advanceTimersByTime(SETTLE_MS);
      });
      expect(said().textContent).toBe('Users must be a whole number from 1 to 10000 (got 100000).');
      // Once in what a screen reader browses: the words shown are hidden from it (it met them twice: a11y review).
      const heard = (words: string) => screen.getAllByText(words).filter((el) => !el.closest('[aria-hidden="true"]'));
      expect(heard('Users must be a whole number from 1 to 10000 (got 100000).')).toEqual([said()]);
      // The live region is the only one: the list shown is not read a second time.
      const shown = screen.getAllByText('Users must be a whole number from 1 to 10000 (got 100000).').filter((el) => el !== said());
      expect(shown.map((el) => [el.tagName, el.closest('[aria-live]')])).toEqual([['LI', null]]);
      // Typed, then run at once: the words that settle meanwhile are not said between the sweep's rows.
      type('Users', '50');
      fireEvent.click(runButton());
      expect(said().getAttribute('aria-live')).toBe('off');
    } finally {
      vi.useRealTimers();
    }
  });

  it('repeats text that is not a number, and shows how to write one typed with a comma', async () => {
    await setup();
    for (const text of ['1e400', '--1', '12abc']) {
      type('Users', text);
      expect(screen.getByText(`Users must be a whole number from 1 to 10000 (got ${text}).`)).toBeTruthy();
      expect(screen.getByLabelText('Users').getAttribute('aria-invalid')).toBe('true');
      expect(runButton().getAttribute('aria-disabled')).toBe('true');
    }
    type('Users', '');
    expect(screen.getByText('Users must be a whole number from 1 to 10000 (got nothing).')).toBeTruthy();
    type('Users', '50');
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
    // Chromium's number box read "1,5" as 15: ten times the load, and no word said so.
    type('Requests per user per second', '1,5');
    expect(screen.getByText('Requests per user per second must be from 0.1 to 50 (got 1,5: write decimals with a point and thousands with no separator, as in 1.5 or 1000).')).toBeTruthy();
    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    type('Requests per user per second', '1.5');
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
  });

  // Code review: with the check cost the only problem, no box was marked, and Run or Enter did nothing and said nothing.
  it('sends a refused Run to the measured choice when the check could not be measured here, and reads why with it', async () => {
    const fake = fakeClient();
    fake.client.measureVerifyMs.mockImplementation(() => Promise.reject(new Error('no WebCrypto')));
    await act(async () => {
      render(<LoadLab client={fake.client} />);
    });
    const measured = screen.getByRole('radio', { name: 'Measured in this browser' });
    expect(measured.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('radio', { name: 'Measured in this browser', description: /could not be measured here/ })).toBe(measured);
    screen.getByLabelText('Seed').focus();
    fireEvent.click(runButton());
    expect(fake.client.start).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(measured);
  });

  it('measures the signature check here (again when the algorithm changes) or takes the reference laptop', async () => {
    const fake = await setup(0.18);
    expect(fake.client.measureVerifyMs).toHaveBeenCalledWith('EdDSA');
    expect(screen.getByText('EdDSA check: 0.18 ms measured here')).toBeTruthy();
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Token algorithm'), { target: { value: 'ES256' } });
    });
    expect(fake.client.measureVerifyMs).toHaveBeenLastCalledWith('ES256');
    expect(screen.getByText('ES256 check: 0.18 ms measured here')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Reference laptop' }));
    expect(screen.getByText('ES256 check: 0.25 ms on the reference laptop')).toBeTruthy();
    fireEvent.click(runButton());
    expect(fake.client.start).toHaveBeenCalledWith(expect.objectContaining({ alg: 'ES256', verifyCostMs: 0.25, serversFrom: 1, serversTo: 2 }), expect.anything());
  });
});

describe('a sweep', () => {
  const rows = [row('session', 1, 300), row('session', 2, 480), row('jwt', 1, 250), row('jwt', 2, 500)];
  const report = (settings: SweepSettings): SweepReport => ({ sweep: settings, rows });

  it('shows its progress and rows as they finish, then the reading and the table', async () => {
    const fake = await setup();
    fireEvent.click(runButton());
    expect(fake.client.start).toHaveBeenCalledTimes(1);
    const settings = fake.client.start.mock.calls[0]![0];
    expect(settings).toMatchObject({ modes: ['session', 'jwt'], serversFrom: 1, serversTo: 2, verifyCostMs: 0.18 });
    expect(runButton().getAttribute('aria-disabled')).toBe('true');
    expect(cancelButton().disabled).toBe(false);
    // Focus goes from the pressed Run to Cancel, never to <body>.
    expect(document.activeElement).toBe(cancelButton());
    // The settings the run uses stay as they are while it runs.
    expect(screen.getByLabelText('Users').closest('fieldset')!.disabled).toBe(true);

    await fake.progress(0, 4, 0.5);
    expect(screen.getByRole('progressbar', { name: 'Sweep progress' })).toBeTruthy();
    expect(shown()).toContain('Row 1 of 4: Session, 1 server');
    await fake.row(rows[0]!, 0, 4);
    await fake.progress(2, 4, 0);
    expect(shown()).toContain('Row 3 of 4: JWT, 1 server');
    await fake.row(rows[1]!, 1, 4);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 2);
    expect(within(table).getByRole('rowheader', { name: 'Session, 2 servers' })).toBeTruthy();
    expect(screen.getByText('The reading comes when every row is done.')).toBeTruthy();

    await fake.row(rows[2]!, 2, 4);
    await fake.row(rows[3]!, 3, 4);
    // Past the last row, as the sweep ends: still its last row ("Row 5 of 4" was heard).
    await fake.progress(4, 4, 0);
    expect(shown()).toContain('Row 4 of 4: JWT, 2 servers');
    await fake.finish(report(settings));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(status()).toMatch(/Sweep done: 4 rows in [\d.]+ s\./);
    // Results come below the form: a link says so and goes there.
    expect(screen.getByRole('link', { name: /See what the sweep shows/ }).getAttribute('href')).toBe('#lab-reading-title');
    expect(document.getElementById('lab-reading-title')).not.toBeNull();
    // Read where the learner goes, not spoken whole as the sweep ends (~280 words over the status: a11y review).
    for (const sentence of readSweep(report(settings))) expect(screen.getByText(sentence).closest('[aria-live]')).toBeNull();
    // A row's message may come after the result (comlink: each callback has its own port): it changes nothing.
    await fake.row(rows[3]!, 3, 4);
    const body = within(screen.getByRole('table'));
    expect(body.getAllByRole('row')).toHaveLength(1 + 4);
    const jwt2 = body.getByRole('rowheader', { name: 'JWT, 2 servers' }).closest('tr')!;
    expect(jwt2.querySelector('[data-key="throughputRps"]')!.textContent).toBe('500');
    expect(jwt2.querySelector('[data-key="p99"]')!.textContent).toBe('182');
    expect(body.getByRole('rowheader', { name: 'JWT, 1 server' }).closest('tr')!.querySelector('[data-key="failed"]')!.textContent).toBe('timeout 20/s');
    expect(screen.getByRole('table').querySelector('caption')).toBeTruthy();
    expect(body.getAllByRole('columnheader').every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    // Each chart is there with its title and its words (drawn only where a ResizeObserver measures).
    for (const title of ['Throughput', 'Latency of the requests that ended, p50 and p99', 'Store load', 'Signature checks', 'CPU spent checking signatures', 'Failed requests by reason', 'Request bytes on the wire'])
      expect(screen.getByText(title, { selector: 'figcaption' })).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Throughput by server count \(1 server to 2\)\. Session: 300 req\/s with 1 server, 480 req\/s with 2 servers\./ })).toBeTruthy();
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
    expect(cancelButton().disabled).toBe(true);
    // Focus, on Cancel as the sweep ended, goes to the results' link: on Run sweep one Enter too many threw the rows away.
    expect(document.activeElement).toBe(screen.getByRole('link', { name: /See what the sweep shows/ }));
  });

  it('tells a share within a row at most every 250 ms (a new row at once)', async () => {
    const fake = await setup();
    vi.useFakeTimers();
    try {
      fireEvent.click(runButton());
      const bar = () => Number(screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Sweep progress' }).value);
      await fake.progress(0, 4, 0.1);
      expect(bar()).toBeCloseTo(0.1);
      await fake.progress(0, 4, 0.2);
      await fake.progress(0, 4, 0.3);
      expect(bar()).toBeCloseTo(0.1);
      await act(async () => {
        vi.advanceTimersByTime(250);
      });
      expect(bar()).toBeCloseTo(0.3);
      await fake.progress(1, 4, 0);
      expect(bar()).toBe(1);
      expect(shown()).toContain('Row 2 of 4: Session, 2 servers');
    } finally {
      vi.useRealTimers();
    }
  });

  // A11y review: a row takes ~0.6 s in the Worker, and its live region read every one out.
  it('says a row at most every 5 s while it runs (the first at once, the latest when the wait ends), its end at once', async () => {
    const fake = await setup();
    vi.useFakeTimers();
    try {
      fireEvent.click(runButton());
      await fake.progress(0, 4, 0);
      expect(said()).toBe('Row 1 of 4: Session, 1 server');
      await fake.progress(1, 4, 0);
      await fake.progress(2, 4, 0);
      expect(shown()).toBe('Row 3 of 4: JWT, 1 server');
      expect(said()).toBe('Row 1 of 4: Session, 1 server');
      await act(async () => {
        vi.advanceTimersByTime(ROWS_SAID_EVERY_MS);
      });
      expect(said()).toBe('Row 3 of 4: JWT, 1 server');
      await fake.progress(3, 4, 0);
      expect(said()).toBe('Row 3 of 4: JWT, 1 server');
      await fake.finish(report(fake.client.start.mock.calls[0]![0]));
      expect(said()).toMatch(/^Sweep done: 4 rows in [\d.]+ s\.$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Cancel stops at once, says after how many rows, and keeps the rows done', async () => {
    const fake = await setup();
    fireEvent.click(runButton());
    await fake.progress(0, 4);
    await fake.row(rows[0]!, 0, 4);
    await fake.row(rows[1]!, 1, 4);
    await fake.progress(2, 4, 0.3);
    await act(async () => {
      fireEvent.click(cancelButton());
    });
    expect(fake.client.cancel).toHaveBeenCalledTimes(1);
    expect(status()).toContain('Sweep cancelled after 2 of 4 rows.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1 + 2);
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
    // To the rows done (not to Run sweep, where a second Enter on Cancel threw them away), not to a reading it has not.
    const toRows = screen.getByRole('link', { name: /See the rows done/ });
    expect(document.activeElement).toBe(toRows);
    expect(toRows.getAttribute('href')).toBe('#lab-table-title');
    // Nothing a cancelled run's late messages say changes the page.
    await fake.row(rows[2]!, 2, 4);
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(1 + 2);
    // A new run starts afresh.
    fireEvent.click(runButton());
    expect(fake.client.start).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('a sweep that fails says why, and Run works again', async () => {
    const fake = await setup();
    fake.client.start.mockImplementationOnce(() => Promise.reject(new Error('the worker could not be loaded')));
    await act(async () => {
      fireEvent.click(runButton());
    });
    expect(screen.getByRole('alert').textContent).toBe('The sweep stopped: the worker could not be loaded');
    expect(runButton().getAttribute('aria-disabled')).toBe('false');
  });
});

describe('the lab=load link parameter', () => {
  it('opens the load lab; any other lab is a notice and the lessons load', () => {
    expect(parseLink('?lab=load')).toEqual({ state: { lab: 'load' }, problems: [] });
    const other = parseLink('?lab=stress&scenario=basic');
    expect(other.state).toEqual({ scenarioId: 'basic' });
    expect(other.problems).toEqual(['The link\'s lab "stress" is not one this app has (load); showing the lessons instead.']);
  });
});

// Teacher review: in a course page's frame (embed=1) "Back to the lessons" took the learner out of the lab the teacher placed.
it('in the embed layout (embed=1) it offers no way out of the frame; a bad embed value is a notice', async () => {
  const { client } = fakeClient();
  render(<LoadLab client={client} search="?lab=load&embed=1" />);
  await act(async () => {});
  expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/^Load lab/);
  expect(screen.queryByRole('link', { name: 'Back to the lessons' })).toBeNull();
  cleanup();
  render(<LoadLab client={fakeClient().client} search="?lab=load&embed=2" />);
  await act(async () => {});
  expect(screen.getByRole('link', { name: 'Back to the lessons' })).toBeTruthy();
  expect(screen.getByRole('status', { name: 'Notices' }).textContent).toMatch(/embed "2" must be 0 or 1/);
});

// Teacher review: a lab link's "embd=1" opened the full lab, and "swep=" the defaults, without a word.
it('names a parameter that looks like one the lab reads, and leaves an LMS\u2019s own alone', async () => {
  render(<LoadLab client={fakeClient().client} search="?lab=load&embd=1&swep=%7B%7D&Sweep=%7B%7D&code=XYZ&lti_version=1" />);
  await act(async () => {});
  const notices = screen.getByRole('status', { name: 'Notices' }).textContent;
  expect(notices).toContain('"embd" is not a parameter this app reads (did you mean embed?)');
  expect(notices).toContain('"swep" is not a parameter this app reads (did you mean sweep?)');
  expect(notices).toContain('"Sweep" is not a parameter this app reads (did you mean sweep?)');
  expect(notices).not.toMatch(/code|lti_version/);
});

describe('a link to a sweep (sweep=)', () => {
  it('opens the lab with the linked settings, and offers the link to the settings on the page', async () => {
    const { client } = fakeClient();
    const linked = { modes: ['jwt'], serversFrom: 2, serversTo: 5, users: 120, ratePerUser: 3, requests: 900, storeCapacityOpsPerSec: 400, alg: 'HS256', denylist: true, refreshTokens: false, seed: 9 };
    render(<LoadLab client={client} search={`?lab=load&sweep=${encodeURIComponent(JSON.stringify(linked))}`} />);
    await act(async () => {});
    expect(screen.getByLabelText<HTMLInputElement>('Servers from').value).toBe('2');
    expect(screen.getByLabelText<HTMLInputElement>('Users').value).toBe('120');
    expect(screen.getByLabelText<HTMLInputElement>('Session').checked).toBe(false);
    expect(screen.getByLabelText<HTMLInputElement>(/^Denylist/).checked).toBe(true);
    // Every device that opens the link runs the same rows: the reference laptop's check cost, not its own.
    expect(screen.getByLabelText<HTMLInputElement>('Reference laptop').checked).toBe(true);
    const href = screen.getByRole('link', { name: 'Link to these settings' }).getAttribute('href')!;
    expect(JSON.parse(new URLSearchParams(href).get('sweep')!)).toEqual(linked);
  });

  it.each([
    ['not JSON', '{users:', /not JSON/],
    ['empty', '', /were not used: the parameter is empty\./],
    ['a typo', JSON.stringify({ user: 5 }), /"user" is not a setting of the lab/],
    ['out of range', JSON.stringify({ serversTo: 40 }), /Servers to must be a whole number from 1 to 16 \(got 40\)/],
    ['the cost', JSON.stringify({ verifyCostMs: 0.001 }), /cannot set the signature check cost/],
    ['a prototype key', '{"__proto__":{"users":5}}', /"__proto__" is not a setting/],
    ['a model listed twice', JSON.stringify({ modes: ['jwt', 'jwt'] }), /^The link's sweep settings were not used: Models must name each model once \(jwt is listed twice\)\. The lab opens with its own\.$/],
  ])('refuses %s with a notice and opens with the defaults', async (_what, raw, why) => {
    const { client } = fakeClient();
    render(<LoadLab client={client} search={`?lab=load&sweep=${encodeURIComponent(raw)}`} />);
    await act(async () => {});
    expect(screen.getByRole('status', { name: 'Notices' }).textContent).toMatch(why);
    expect(screen.getByLabelText<HTMLInputElement>('Users').value).toBe('400');
    expect(({} as Record<string, unknown>).users).toBeUndefined();
  });
});
