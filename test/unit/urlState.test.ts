import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkFor, parseLink } from '../../src/store/urlState';

describe('links', () => {
  it('round-trips scenario, mode, seed, speed and position', () => {
    const link = linkFor({ scenarioId: 'revocation', view: 'jwt', seed: 42, speed: 4, timeMs: 12_345 });
    expect(parseLink(link)).toEqual({ state: { scenarioId: 'revocation', view: 'jwt', seed: 42, speed: 4, timeMs: 12_345 }, problems: [] });
  });

  it('drops each bad parameter with a sentence and keeps the good ones', () => {
    const { state, problems } = parseLink('?scenario=nope&mode=both&seed=-1&speed=99&t=abc&play=1');
    expect(state).toEqual({ view: 'both', autoplay: true });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/scenario "nope" that does not exist/);
  });

  it('never throws, whatever the query string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (q) => Array.isArray(parseLink(q).problems)));
  });
});

describe('links with interventions', () => {
  it('carry the recorded actions and read them back', () => {
    const actions = [{ atMs: 3_000, action: { type: 'killServer' as const, serverId: 'server-2' } }];
    const link = linkFor({ scenarioId: 'basic', view: 'both', seed: null, speed: 1, timeMs: 4_000 }, actions);
    expect(parseLink(link).state.actions).toEqual(actions);
  });

  it.each([
    ['not JSON', '?a=%7Bnope'],
    ['a self-repeating traffic action', `?a=${encodeURIComponent(JSON.stringify([{ atMs: 0, action: { type: 'traffic', clientId: 'alice', everyMs: 0, count: 1e9 } }]))}`],
    ['a negative time', `?a=${encodeURIComponent(JSON.stringify([{ atMs: -5, action: { type: 'storeDown' } }]))}`],
  ])('refuse %s with a notice, and the lesson still loads', (_what, query) => {
    const { state, problems } = parseLink(`${query}&scenario=basic`);
    expect(state.actions).toBeUndefined();
    expect(state.scenarioId).toBe('basic');
    expect(problems).toEqual(["The link's interventions could not be read; the lesson plays without them."]);
  });
});
