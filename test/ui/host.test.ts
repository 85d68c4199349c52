// The host page API and the SCORM reporter, driven by a real lesson on a fake frame clock: what a
// course page hears, which commands it may give, and what an LMS is told at the end.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectHost } from '../../src/host/hostApi';
import { parseCommand, type OutMessage } from '../../src/host/messages';
import { connectScorm, findScormApi, type Scorm12Api } from '../../src/host/scorm';
import { createAppStore, type AppStore } from '../../src/store/createAppStore';
import { fakeFrames, runFrames } from './support/frames';

type Listener = (e: { source: unknown; data: unknown }) => void;

/** A frame's window and its parent, as far as the API touches them. */
function windows() {
  const posted: OutMessage[] = [];
  let listener: Listener | null = null;
  const parent = { postMessage: (m: OutMessage) => posted.push(structuredClone(m)) } as unknown as Window;
  const self = {
    addEventListener: (_: string, fn: Listener) => (listener = fn),
    removeEventListener: () => (listener = null),
  } as unknown as Window;
  const content = { getBoundingClientRect: () => ({ height: 600 }) } as unknown as Element;
  const warn = vi.fn();
  const send = (data: unknown, source: unknown = parent) => listener?.({ source, data });
  return { posted, parent, self, content, warn, send, listening: () => listener !== null };
}

async function lesson(id = 'basic', extra: Parameters<typeof createAppStore>[0] = {}): Promise<AppStore> {
  const store = createAppStore({ scenarioId: id, view: 'both', questionsOn: false, speed: 16, ...extra });
  return store;
}

beforeEach(fakeFrames);
afterEach(() => vi.useRealTimers());

describe('host page commands', () => {
  it('accepts exactly the documented commands, with valid fields', () => {
    expect(parseCommand({ type: 'authsim:play' })).toEqual({ command: { type: 'authsim:play' } });
    expect(parseCommand({ type: 'authsim:seek', timeMs: 1500 })).toEqual({ command: { type: 'authsim:seek', timeMs: 1500 } });
    expect(parseCommand({ type: 'authsim:load', scenario: 'revocation', mode: 'jwt', seed: 3 })).toEqual({ command: { type: 'authsim:load', scenario: 'revocation', mode: 'jwt', seed: 3 } });
    for (const bad of [null, 'play', [], { type: 7 }, { type: 'authsim:seek' }, { type: 'authsim:seek', timeMs: -1 }, { type: 'authsim:seek', timeMs: Infinity }, { type: 'authsim:load', scenario: 'nope' }, { type: 'authsim:load', scenario: 'basic', mode: 'all' }, { type: 'authsim:load', scenario: 'basic', seed: 1.5 }, { type: 'authsim:explode' }])
      expect(parseCommand(bad)).toHaveProperty('problem');
  });

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }), (data) => typeof parseCommand(data) === 'object'), { numRuns: 500 });
    fc.assert(fc.property(fc.record({ type: fc.constantFrom('authsim:seek', 'authsim:load', 'authsim:play'), timeMs: fc.anything(), scenario: fc.anything({ withNullPrototype: true }), mode: fc.anything(), seed: fc.anything() }, { requiredKeys: ['type'] }), (data) => typeof parseCommand(data) === 'object'), { numRuns: 500 });
  });
});

describe('host page API', () => {
  it('tells the page when the lesson is ready, its size, its captions and its completion', async () => {
    const store = await lesson();
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    expect(w.posted.slice(0, 2)).toEqual([{ type: 'authsim:resize', height: 600 }, { type: 'authsim:ready', scenario: 'basic', mode: 'both' }]);
    store.getState().play();
    await runFrames(store, 4000);
    expect(store.getState().ended).toBe(true);
    const captions = w.posted.filter((m) => m.type === 'authsim:caption');
    expect(captions.length).toBeGreaterThanOrEqual(2);
    // Each caption is sent once, when it comes up.
    expect(new Set(captions.map((c) => c.text)).size).toBe(captions.length);
    const complete = w.posted.find((m) => m.type === 'authsim:complete');
    expect(complete).toMatchObject({ scenario: 'basic', mode: 'both', summary: { scenario: 'basic', seed: 7 }, score: { asked: 0, answered: 0, correct: 0 } });
    if (complete?.type === 'authsim:complete') expect(complete.summary.runs.map((r) => [r.mode, r.requests.total])).toEqual(store.getState().scenario && [['session', store.getState().worlds.session!.report.requests.total], ['jwt', store.getState().worlds.jwt!.report.requests.total]]);
  });

  it('asks and marks a prediction for the page, as the learner sees it', async () => {
    const store = await lesson('basic', { questionsOn: true });
    const w = windows();
    connectHost(store, w);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 4000, () => store.getState().question !== null);
    const asked = store.getState().question!.question;
    expect(w.posted.find((m) => m.type === 'authsim:question')).toMatchObject({ id: asked.id, text: asked.prompt });
    store.getState().answer(asked.choices[0]!.id);
    await runFrames(store, 4000, () => store.getState().question?.result != null);
    const result = store.getState().question!.result!;
    expect(w.posted.find((m) => m.type === 'authsim:answer')).toEqual({ type: 'authsim:answer', id: asked.id, choice: asked.choices[0]!.id, correct: result.correct });
  });

  it('plays, pauses, steps, seeks and loads on the parent\'s word, and ignores everyone else', async () => {
    const store = await lesson();
    const w = windows();
    const stop = connectHost(store, w);
    await store.getState().load();
    w.send({ type: 'authsim:play' }, { not: 'the parent' });
    expect(store.getState().playing).toBe(false);
    expect(w.warn).toHaveBeenCalledWith(expect.stringContaining('did not come from the page around this frame'));
    w.send({ type: 'authsim:play' });
    expect(store.getState().playing).toBe(true);
    w.send({ type: 'authsim:pause' });
    expect(store.getState().playing).toBe(false);
    w.send({ type: 'authsim:seek', timeMs: 2500 });
    await store.player.settled();
    expect(store.player.timeMs).toBe(2500);
    w.send({ type: 'authsim:seek', timeMs: 'later' });
    expect(w.warn).toHaveBeenLastCalledWith(expect.stringContaining('authsim:seek needs timeMs'));
    w.send({ type: 'authsim:load', scenario: 'revocation', mode: 'jwt', seed: 11 });
    await vi.waitFor(() => expect(store.getState().scenario?.id).toBe('revocation'));
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    expect(store.getState()).toMatchObject({ view: 'jwt', seed: 11 });
    expect(w.posted.filter((m) => m.type === 'authsim:ready').at(-1)).toEqual({ type: 'authsim:ready', scenario: 'revocation', mode: 'jwt' });
    stop();
    expect(w.listening()).toBe(false);
  });
});

/** An LMS's SCORM 1.2 API that records what it is told. */
function fakeLms(status = 'not attempted') {
  const values = new Map<string, string>([['cmi.core.lesson_status', status]]);
  const calls: string[] = [];
  const api: Scorm12Api = {
    LMSInitialize: () => (calls.push('LMSInitialize'), 'true'),
    LMSFinish: () => (calls.push('LMSFinish'), 'true'),
    LMSGetValue: (k) => values.get(k) ?? '',
    LMSSetValue: (k, v) => (calls.push(`${k}=${v}`), values.set(k, v), 'true'),
    LMSCommit: () => (calls.push('LMSCommit'), 'true'),
  };
  return { api, calls, values };
}

describe('SCORM reporting', () => {
  it('finds the LMS API on a parent window, and nothing outside an LMS', () => {
    const { api } = fakeLms();
    const top = { API: api } as unknown as Window & { parent: Window };
    (top as { parent: Window }).parent = top;
    const frame = { parent: top } as unknown as Window;
    expect(findScormApi(frame)).toBe(api);
    const lone = {} as Window & { parent: Window };
    (lone as { parent: Window }).parent = lone;
    expect(findScormApi(lone)).toBeNull();
    // A cross-origin parent throws on access: no LMS, no crash.
    const foreign = new Proxy({}, { get: () => { throw new DOMException('Blocked', 'SecurityError'); } }) as Window;
    expect(findScormApi({ parent: foreign } as unknown as Window)).toBeNull();
  });

  it('marks the attempt incomplete, then completed with the score when the lesson ends', async () => {
    const store = await lesson('basic', { questionsOn: true });
    const lms = fakeLms();
    const finish = connectScorm(store, lms.api);
    expect(lms.calls).toEqual(['LMSInitialize', 'cmi.core.lesson_status=incomplete', 'LMSCommit']);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 4000, () => store.getState().question !== null);
    store.getState().answer(store.getState().question!.question.choices[0]!.id);
    await runFrames(store, 20000);
    expect(store.getState().ended).toBe(true);
    const correct = store.getState().answers[0]!.correct;
    expect(lms.values.get('cmi.core.lesson_status')).toBe('completed');
    expect(lms.values.get('cmi.core.score.raw')).toBe(correct ? '100' : '0');
    expect(lms.calls.at(-1)).toBe('LMSCommit');
    finish();
    finish();
    expect(lms.calls.filter((c) => c === 'LMSFinish')).toHaveLength(1);
  });

  it('leaves an already passed attempt passed, and sends no score when no question was asked', async () => {
    const store = await lesson('basic');
    const lms = fakeLms('passed');
    connectScorm(store, lms.api);
    await store.getState().load();
    store.getState().play();
    await runFrames(store, 20000);
    expect(lms.values.get('cmi.core.lesson_status')).toBe('passed');
    expect(lms.values.has('cmi.core.score.raw')).toBe(false);
  });
});
