// Review of the interventions: changing Mode (side by side, session, JWT) started the lesson again
// at 0 s, and dropped the learner's interventions and answers without a word. Another mode is the
// same run seen otherwise: the moment, the interventions and the answers stay.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { fakeFrames, nextFrame } from './support/frames';

afterEach(() => vi.useRealTimers());

describe('changing the mode of the lesson on screen', () => {
  it('keeps its moment, interventions and answers; another lesson starts afresh', async () => {
    fakeFrames();
    const store = createAppStore({ scenarioId: 'stolen-credential', view: 'both', questionsOn: true });
    await store.getState().load();
    const question = store.getState().scenario!.questions![0]!;
    await store.getState().seek(question.atMs);
    expect(store.getState().question?.question.id).toBe(question.id);
    store.getState().answer(question.choices[0]!.id);
    // The run decides it a little later, and marks the answer.
    for (let frame = 0; frame < 2_000 && store.getState().answers.length === 0; frame++) await nextFrame(store);
    store.getState().dismissQuestion();
    store.getState().pause();
    await store.getState().seek(20_000);
    await store.getState().dispatch({ type: 'addServer' });
    await store.getState().seek(25_000);
    const answers = store.getState().answers;
    expect(answers.map((a) => a.id)).toEqual([question.id]);
    const servers = (mode: 'session' | 'jwt') => store.getState().worlds[mode]?.servers.length;
    expect([servers('session'), servers('jwt')]).toEqual([4, 4]);

    expect(await store.getState().load({ view: 'session' })).toBe(true);
    expect(store.getState().timeMs).toBe(25_000);
    expect(Object.keys(store.getState().worlds)).toEqual(['session']);
    expect(servers('session')).toBe(4);
    expect(store.getState().answers).toEqual(answers);
    expect(store.getState().asked).toEqual([question.id]);

    expect(await store.getState().load({ view: 'both' })).toBe(true);
    expect(store.getState().timeMs).toBe(25_000);
    expect([servers('session'), servers('jwt')]).toEqual([4, 4]);
    expect(store.player.recordedActions()).toEqual([{ atMs: 20_000, action: { type: 'addServer' } }]);

    // Another lesson is another run: at 0 s, as it was written.
    expect(await store.getState().load({ scenarioId: 'basic' })).toBe(true);
    expect([store.getState().timeMs, store.getState().answers, store.player.recordedActions()]).toEqual([0, [], []]);
  }, 60_000);

  it('keeps them over a second change while the first still loads, and keeps a link\u2019s over a change while it opens', async () => {
    fakeFrames();
    const store = createAppStore({ scenarioId: 'basic', view: 'both', questionsOn: false });
    await store.getState().load();
    await store.getState().seek(3_000);
    await store.getState().dispatch({ type: 'addServer' });
    const superseded = store.getState().load({ view: 'session' });
    const landed = store.getState().load({ view: 'both' });
    expect(await superseded).toBe(false);
    expect(await landed).toBe(true);
    expect(store.getState().timeMs).toBe(3_000);
    expect([store.getState().worlds.session?.servers.length, store.getState().worlds.jwt?.servers.length]).toEqual([4, 4]);

    const linked = createAppStore({ scenarioId: 'basic', view: 'both', questionsOn: false, actions: [{ atMs: 1_000, action: { type: 'addServer' } }], linkTimeMs: 4_000 });
    const opening = linked.getState().load();
    const changed = linked.getState().load({ view: 'jwt' });
    expect([await opening, await changed]).toEqual([false, true]);
    expect(linked.getState().timeMs).toBe(4_000);
    expect(linked.getState().worlds.jwt?.servers.length).toBe(4);
    // A reset is the lesson as written again.
    expect(await linked.getState().reset().then(() => linked.getState().timeMs)).toBe(0);
    expect(linked.player.recordedActions()).toEqual([]);
  }, 60_000);
});
