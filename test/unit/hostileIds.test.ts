// Ids that name nothing (or name Object.prototype's own members) reach the engine only as words:
// each is logged as unknown, nothing throws, nothing is polluted, and limits hold.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/sim/options';
import type { Action } from '../../src/sim/types';
import { run } from './support/run';

describe('ids that name nothing', () => {
  it.each(['session', 'jwt'] as const)('are logged as unknown in the %s world, and pollute nothing', async (mode) => {
    const script: [number, Action][] = [
      [0, { type: 'login', clientId: 'alice' }],
      [100, { type: 'login', clientId: 'toString' }],
      [200, { type: 'banUser', userId: 'hasOwnProperty' }],
      [300, { type: 'changeRole', userId: 'valueOf', role: 'admin' }],
      [400, { type: 'steal', fromClientId: 'constructor', attackerId: 'mallory' }],
      [500, { type: 'killServer', serverId: 'toString' }],
      [600, { type: 'request', clientId: 'alice' }],
    ];
    const d = await run({ mode }, script, 2_000);
    const notes = d.state.log.entries.filter((e) => e.kind === 'note').map((e) => e.text);
    expect(notes).toEqual(expect.arrayContaining(['There is no client called toString.', 'There is no user called hasOwnProperty.', 'There is no user called valueOf.', 'There is no server called toString.']));
    // A reserved name does not even reach the lookup: the engine's own gate refuses it.
    expect(notes).toContainEqual(expect.stringMatching(/^An action was refused: steal\.fromClientId must be an id/));
    expect(({} as Record<string, unknown>).role).toBeUndefined();
    // alice is untouched: her request still gets in.
    expect(d.state.recent.filter((r) => r.clientId === 'alice' && r.kind === 'api').map((r) => r.reason)).toEqual(['ok']);
  });

  it.each(['store', 'lb', 'jwks', 'server-2'])('refuse an attacker named %s, like a node of the cluster, whose messages would be its', async (attackerId) => {
    const d = await run({ mode: 'session' }, [[0, { type: 'login', clientId: 'alice' }], [200, { type: 'steal', fromClientId: 'alice', attackerId }], [300, { type: 'traffic', clientId: 'alice', everyMs: 50, count: 20 }]], 3_000);
    expect(d.state.log.entries.map((e) => e.text)).toContain(`${attackerId} is the name of a node of the cluster: the attacker needs a name of its own.`);
    expect(Object.keys(d.state.clients)).toEqual(['alice']);
    // Nothing waits on the wire for a client that is a node: every message arrived and was let go.
    expect(d.state.messages.size).toBe(0);
    expect(d.state.metrics.accepted).toBe(21);
  });

  it.each(['session', 'jwt'] as const)('refuse, in the %s world, a thief named after a user\u2019s own browser, who would then send the victim\u2019s credentials as that user', async (mode) => {
    const clients = ['alice', 'bob'].map((id) => ({ id, userId: id, kind: 'browser' as const }));
    const d = await run({ mode, clients }, [[0, { type: 'login', clientId: 'alice' }], [0, { type: 'login', clientId: 'bob' }], [200, { type: 'steal', fromClientId: 'alice', attackerId: 'bob' }]], 1_000);
    expect(d.state.log.entries.map((e) => e.text)).toContain("bob is a user's browser: the attacker needs a name of its own.");
    const bob = d.state.clients.bob!;
    expect(bob.kind).toBe('browser');
    // Bob keeps his own credential.
    expect(JSON.stringify([bob.jar, bob.storage])).not.toBe(JSON.stringify([d.state.clients.alice!.jar, d.state.clients.alice!.storage]));
  });

  it(`draws at most ${LIMITS.drawnServers} servers, however many are added`, async () => {
    const d = await run({ mode: 'jwt' }, Array.from({ length: 30 }, (_, i): [number, Action] => [i, { type: 'addServer' }]), 100);
    expect(d.state.servers).toHaveLength(LIMITS.drawnServers);
    expect(d.state.log.entries.some((e) => e.text.includes(`already has ${LIMITS.drawnServers} servers`))).toBe(true);
  });

  it(`brings in at most ${LIMITS.drawnAttackers} attackers, however many names steal (a link's 100 drew browsers of negative width)`, async () => {
    const steals = Array.from({ length: 100 }, (_, i): [number, Action] => [100 + i, { type: 'steal', fromClientId: 'alice', attackerId: `eve${i}` }]);
    const d = await run({ mode: 'jwt' }, [[0, { type: 'login', clientId: 'alice' }], ...steals, [300, { type: 'steal', fromClientId: 'alice', attackerId: 'eve1' }]], 1_000);
    expect(Object.values(d.state.clients).filter((c) => c.kind === 'attacker').map((c) => c.id)).toEqual(['eve0', 'eve1']);
    const texts = d.state.log.entries.map((e) => e.text);
    expect(texts).toContain('The cluster already has 2 attackers (eve0, eve1), the most this simulator draws: eve2 steals nothing.');
    // One already in steals again.
    expect(texts.filter((t) => t === 'eve1 steals 1 credential from alice\'s browser.')).toHaveLength(2);
  });
});
