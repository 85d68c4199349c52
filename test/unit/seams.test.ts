// The seams the architecture promises, checked on the source: an auth model lives in its file in
// src/sim/schemes, so the rest of the engine never branches on a model's name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestsOf, run } from './support/run';
import { MODES, SCHEME_WORDS } from '../../src/sim/schemes/names';

const ROOT = join(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `x === 'jwt'`, `'session' !== y` and the like: a branch on a model's name. */
const BRANCH_ON_MODEL = new RegExp(`[!=]==\\s*'(${MODES.join('|')})'|'(${MODES.join('|')})'\\s*[!=]==`);

describe('the auth-model seam', () => {
  it('no engine file outside src/sim/schemes branches on a model by name', () => {
    const branching = sources(join(ROOT, 'sim'))
      .filter((path) => !path.includes(`${join('sim', 'schemes')}`))
      // The JWT lifetime invariant is about JWTs by definition.
      .filter((path) => !path.endsWith('invariants.ts'))
      .filter((path) => BRANCH_ON_MODEL.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(branching).toEqual([]);
  });

  // What every model must do behind the seam, whatever it keeps: its credential is issued, carried,
  // accepted, and refused once the user logs out and reuses a copy (here: a denylist for the JWT).
  it.each(MODES)('the %s model issues, accepts and revokes its own credential', async (mode) => {
    const d = await run({ mode, denylist: true }, [
      [0, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'steal', fromClientId: 'alice', attackerId: 'mallory' }],
      [2_000, { type: 'request', clientId: 'alice' }],
      [3_000, { type: 'logout', clientId: 'alice' }],
      [4_000, { type: 'request', clientId: 'mallory' }],
    ], 6_000);
    const api = requestsOf(d.state, undefined, 'api');
    expect(api.map((r) => [r.clientId, r.credential, r.reason === 'ok'])).toEqual([['alice', mode, true], ['mallory', mode, false]]);
    expect(requestsOf(d.state, 'alice', 'logout')[0]!.reason).toBe('ok');
    expect(SCHEME_WORDS[mode].title).not.toBe('');
  });
});
