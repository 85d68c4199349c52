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
