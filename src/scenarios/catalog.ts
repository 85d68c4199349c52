// The scenario picker's list: ids, titles and one-line summaries, with each lesson's script loaded
// on demand, so the first paint does not carry fourteen scripts. Scenario files take their
// id, title, summary and modes from here (one source); src/scenarios/index.ts loads them all
// for the headless runner and the tests.
import type { Mode } from '../sim/types';
import type { Scenario } from './scenario';

export interface ScenarioMeta {
  id: string;
  title: string;
  /** One line for the scenario picker. */
  summary: string;
  modes: Mode[];
}

export interface CatalogEntry extends ScenarioMeta {
  load: () => Promise<Scenario>;
}

export const CATALOG: CatalogEntry[] = [
  {
    id: 'basic',
    title: 'Log in and browse',
    summary: 'Both flows of the article step by step: a session id looked up in the store, or a signed token checked on the spot.',
    modes: ['session', 'jwt'],
    load: () => import('./basic').then((m) => m.basic),
  },
  {
    id: 'jwt-in-cookie',
    title: 'A JWT in a cookie',
    summary: 'The same cookie mechanism carries either a 22-character session id or the whole signed token: the cookie is only the delivery truck.',
    modes: ['session', 'jwt'],
    load: () => import('./jwtInCookie').then((m) => m.jwtInCookie),
  },
  {
    id: 'revocation',
    title: 'Ban a user',
    summary: 'The admin bans Alice: her session dies at once; her JWT keeps working until it expires. Then a denylist makes revocation instant again, at a price.',
    modes: ['session', 'jwt'],
    load: () => import('./revocation').then((m) => m.revocation),
  },
  {
    id: 'stolen-credential',
    title: 'A stolen credential',
    summary: 'Mallory copies Alice\u2019s credential, Alice logs out, Mallory replays it: a dead session id, or a token that works until it expires.',
    modes: ['session', 'jwt'],
    load: () => import('./stolenCredential').then((m) => m.stolenCredential),
  },
  {
    id: 'scale-out',
    title: 'From one server to four',
    summary: 'Sessions kept in each server\u2019s memory break when a second server appears; sticky routing hides it until a server dies; a shared store fixes it. JWTs need none of this.',
    modes: ['session', 'jwt'],
    load: () => import('./scaleOut').then((m) => m.scaleOut),
  },
  {
    id: 'store-outage',
    title: 'The shared store goes down',
    summary: 'The session store fails: every session request fails with it. JWTs carry on, until a denylist makes them depend on the store too: fail closed or fail open?',
    modes: ['session', 'jwt'],
    load: () => import('./storeOutage').then((m) => m.storeOutage),
  },
  {
    id: 'refresh-tokens',
    title: 'Short tokens, rotating refresh tokens',
    summary: 'A 10-second access token plus a refresh token that is replaced on every use: a ban bites within 10 s, and a stolen refresh token gives itself away.',
    modes: ['jwt'],
    load: () => import('./refreshTokens').then((m) => m.refreshTokens),
  },
  {
    id: 'key-rotation',
    title: 'Rotating the signing key',
    summary: 'The issuer starts signing with a new key: servers that cached the key set a moment ago refuse the new tokens until their cache may refresh; old tokens keep working during the overlap.',
    modes: ['jwt'],
    load: () => import('./keyRotation').then((m) => m.keyRotation),
  },
  {
    id: 'tampering',
    title: 'Editing the credential',
    summary: 'Alice edits her token to say role "admin", then tries alg "none": every server refuses. In the session world she can only guess ids.',
    modes: ['session', 'jwt'],
    load: () => import('./tampering').then((m) => m.tampering),
  },
  {
    id: 'stale-claims',
    title: 'Stale claims',
    summary: 'The admin demotes Alice and promotes Bob: a session sees the new role on the next request; a JWT repeats the old role until it expires.',
    modes: ['session', 'jwt'],
    load: () => import('./staleClaims').then((m) => m.staleClaims),
  },
  {
    id: 'clock-skew',
    title: 'Servers whose clocks disagree',
    summary: 'One server runs 20 s fast, another 20 s slow: the same valid token is expired on one, not yet valid on another. A clock tolerance fixes it.',
    modes: ['jwt'],
    load: () => import('./clockSkew').then((m) => m.clockSkew),
  },
  {
    id: 'token-size',
    title: 'A token that outgrows its cookie',
    summary: 'Every claim added to the profile rides in every request, until the token no longer fits in a cookie and the browser silently drops it.',
    modes: ['session', 'jwt'],
    load: () => import('./tokenSize').then((m) => m.tokenSize),
  },
  {
    id: 'microservices',
    title: 'Five services, one signing key',
    summary: 'Five services verify tokens on their own. With HS256 each of them holds the secret that can mint tokens; with EdDSA only the issuer does.',
    modes: ['jwt'],
    load: () => import('./microservices').then((m) => m.microservices),
  },
  {
    id: 'load',
    title: 'Forty users at once',
    summary: 'Forty users, two a second each, and servers added as load grows: the shared session store becomes the bottleneck; signature checks grow with the servers.',
    modes: ['session', 'jwt'],
    load: () => import('./load').then((m) => m.load),
  },
];

export function findMeta(id: string): CatalogEntry | undefined {
  return CATALOG.find((s) => s.id === id);
}

/** The catalog fields of one scenario, for its own file to spread. */
export function meta(id: string): ScenarioMeta {
  const entry = findMeta(id);
  if (!entry) throw new Error(`scenario ${id} is missing from the catalog`);
  const { load: _load, ...fields } = entry;
  return { ...fields, modes: [...fields.modes] };
}
