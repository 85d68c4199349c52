// The scenario picker's list: ids, titles, what to watch and first captions, with each lesson's
// script loaded on demand, so the first paint does not carry fourteen scripts. Scenario files take
// their id, title, notice and modes from here (one source); their summaries are their own (only a
// loaded lesson shows one, so the first load does not carry fourteen); src/scenarios/index.ts loads them all
// for the headless runner and the tests.
import type { Mode } from '../sim/types';
import type { Scenario } from './scenario';

/** The load lesson's shared store capacity (operations a second): its notice states it, its options set it. */
export const LOAD_STORE_OPS_PER_SEC = 75;

export interface ScenarioMeta {
  id: string;
  title: string;
  /**
   * What to watch for (not what happens: questions come later), a few sentences: the lesson's opening caption. Here, not in the
   * lesson's script, so the first paint shows it before the script and the engine arrive.
   */
  notice: string;
  /**
   * What the lesson says at its first moment (0 s): one sentence for every world, or one per world.
   * Here too, so a caption box too short for the opening shows it from the first paint (Caption.tsx);
   * the script's step at 0 s takes its caption from here. Absent: nothing is said at 0 s.
   */
  firstCaption?: string | Partial<Record<Mode, string>>;
  modes: Mode[];
}

export interface CatalogEntry extends ScenarioMeta {
  load: () => Promise<Scenario>;
}

/** A lesson's script module: the lesson is its default export (one short \`.then\` for all fourteen in the first load). */
const lesson = (module: { default: Scenario }): Scenario => module.default;

export const CATALOG: CatalogEntry[] = [
  {
    id: 'basic',
    title: 'Log in and browse',
    notice:
      'Alice logs in and browses in two worlds: with a session cookie in one, with a signed token (JWT) in the other. Watch what a server does in each world to learn who sent a request, and how many bytes each request carries.',
    firstCaption: {
      session: 'Alice logs in: the server stores a session and hands her a cookie with its id.',
      jwt: 'Alice logs in: the issuer (drawn as the key set) signs a token with her id and role; the server hands it to her.',
    },
    modes: ['session', 'jwt'],
    load: () => import('./basic').then(lesson),
  },
  {
    id: 'jwt-in-cookie',
    title: 'A JWT in a cookie',
    notice:
      'Both worlds keep the credential in an HttpOnly __Host- cookie: the browser sends it by itself, and page scripts cannot read it. In the session world the cookie holds a random id and every request costs a store lookup; in the JWT world the __Host-jwt cookie carries the whole token, hundreds of bytes a request, and nobody is asked.',
    firstCaption: {
      session: 'Alice logs in: the answer sets a __Host-sid cookie holding only a random session id.',
      jwt: 'Alice logs in: the answer sets a __Host-jwt cookie holding the whole signed token.',
    },
    modes: ['session', 'jwt'],
    load: () => import('./jwtInCookie').then(lesson),
  },
  {
    id: 'revocation',
    title: 'Ban a user',
    notice:
      'The admin bans Alice while she browses. A ban can delete her session record on the server; her JWT was signed before the ban and lives 30 s. Watch whether her next requests still get in. Later the JWT servers turn a denylist on for Bob\u2019s logout-everywhere: watch what it stops, and what every request then costs.',
    firstCaption: 'Alice logs in.',
    modes: ['session', 'jwt'],
    load: () => import('./revocation').then(lesson),
  },
  {
    id: 'stolen-credential',
    title: 'A stolen credential',
    notice:
      'Mallory has copied Alice\u2019s credential: her session cookie in one world, her JWT (valid 30 s) in the other. Then Alice logs out. Watch what logging out removes in each world, on the server and in her browser, and whether Mallory\u2019s copy still gets in.',
    firstCaption: 'Alice logs in.',
    modes: ['session', 'jwt'],
    load: () => import('./stolenCredential').then(lesson),
  },
  {
    id: 'scale-out',
    title: 'From one server to four',
    notice:
      'Three users log in on one server; then three more servers join behind a round-robin load balancer. With sessions kept in each server\u2019s own memory, watch which requests still find their session, then what sticky routing, a crashed server and a shared store change. In the JWT world, watch whether any of it matters.',
    firstCaption: {
      session: 'Three users log in on the only server; it keeps their sessions in its own memory.',
      jwt: 'Three users log in on the only server and get signed tokens.',
    },
    modes: ['session', 'jwt'],
    load: () => import('./scaleOut').then(lesson),
  },
  {
    id: 'store-outage',
    title: 'The shared store goes down',
    notice:
      'Alice and Bob browse while the shared store, where the sessions live, goes down. Watch who still gets in, in each world, while it is down. Later Bob logs out everywhere, the JWT servers keep a denylist for it in that store, and the store goes down again: watch what they must choose.',
    firstCaption: 'Alice and Bob log in and browse, one request a second each.',
    modes: ['session', 'jwt'],
    load: () => import('./storeOutage').then(lesson),
  },
  {
    id: 'refresh-tokens',
    title: 'Access and refresh tokens',
    notice:
      'Alice gets a 10-second access token and a refresh token. When the access token expires, her browser trades the refresh token for a new pair, and the store marks the old one used: the refresh tokens of one login form a family. Mallory copies both of Alice\u2019s tokens: watch what each copy gets her, and what Alice\u2019s next refresh gets. Later the admin bans Bob: watch how soon it bites.',
    firstCaption: 'Alice logs in: she gets a 10-second access token and a refresh token.',
    modes: ['jwt'],
    load: () => import('./refreshTokens').then(lesson),
  },
  {
    id: 'key-rotation',
    title: 'Rotating the signing key',
    notice:
      'Servers verify with keys they fetched from the key set (JWKS), and refetch it at most every 15 s here. The issuer, drawn as the key set, starts signing with a new key while the old one stays published for an overlap. Watch what happens to Bob\u2019s brand-new token and to Alice\u2019s older one, server by server, until the caches refresh.',
    firstCaption: 'Alice logs in: her token is signed with key k1, and each server caches the key set on first use.',
    modes: ['jwt'],
    load: () => import('./keyRotation').then(lesson),
  },
  {
    id: 'tampering',
    title: 'Editing the credential',
    notice:
      'Alice tampers with her credential to get more than she was given: the role in her JWT, then its algorithm; in the session world she tries a guessed session id. A JWT payload is only base64url: anyone can read and edit it. Watch what the servers make of each edit.',
    firstCaption: 'Alice logs in as an ordinary user.',
    modes: ['session', 'jwt'],
    load: () => import('./tampering').then(lesson),
  },
  {
    id: 'stale-claims',
    title: 'Stale claims',
    notice:
      'Alice is an admin and Bob an ordinary user; both log in and browse. Then another admin demotes Alice and promotes Bob. Watch which role each request is served with, in each world, and until when.',
    firstCaption: {
      session: 'Alice is an admin; Bob is an ordinary user. Both log in; the server will read their roles on each request.',
      jwt: 'Alice is an admin; Bob is an ordinary user. Both log in; their tokens say role "admin" and role "user".',
    },
    modes: ['session', 'jwt'],
    load: () => import('./staleClaims').then(lesson),
  },
  {
    id: 'clock-skew',
    title: 'Servers whose clocks disagree',
    notice:
      'A JWT\u2019s iat and exp are absolute times, and each server compares them with its own clock; here two of the three clocks are 20 s off. Watch which servers take Alice\u2019s token, at its start and near its end (only the JWT world: a session expires by the one clock of the store that holds it). Later the servers verify with a clock tolerance: watch what that changes.',
    firstCaption: 'server-2\u2019s clock runs 20 s fast and server-3\u2019s 20 s slow; server-1 is right.',
    modes: ['jwt'],
    load: () => import('./clockSkew').then(lesson),
  },
  {
    id: 'token-size',
    title: 'A token too big for its cookie',
    notice:
      'The JWT rides in a cookie here, so it inherits the cookie limit: name and value together may not exceed 4096 bytes. Each round Alice logs in with a bigger profile that her token carries. Watch the bytes on every request grow in each world, and what happens to her requests once the token outgrows the limit.',
    // Said at 0 s, as every lesson's first moment: an embed showed the opening instead, cut to two lines (teacher review).
    firstCaption: {
      session: 'Alice is about to log in: her profile stays on the server, her cookie holds a session id.',
      jwt: 'Alice is about to log in with a profile that her token carries, in a cookie that may not exceed 4096 bytes.',
    },
    modes: ['session', 'jwt'],
    load: () => import('./tokenSize').then(lesson),
  },
  {
    id: 'microservices',
    title: 'Five services, one signing key',
    notice:
      'The five servers stand for five services that each verify tokens without calling anyone; the issuer, which signs each token at login, is drawn as the key set. With HS256 the key that verifies is the key that signs, and the issuer and every service hold it. Then the issuer switches to EdDSA, whose public key verifies but cannot sign, and later withdraws the HS256 key. Watch who could sign a token the services accept, at each step.',
    firstCaption: 'Tokens are signed with HS256: the issuer (drawn as the key set) and all five services, server-1 to server-5, share one secret.',
    modes: ['jwt'],
    load: () => import('./microservices').then(lesson),
  },
  {
    id: 'load',
    title: 'Forty users at once',
    notice:
      `Twenty users browse, then twenty more; the shared store serves ${LOAD_STORE_OPS_PER_SEC} operations a second here. Watch each world\u2019s latency as the traffic doubles, and what adding app servers does.`,
    firstCaption: 'Twenty users log in and each sends two requests a second.',
    modes: ['session', 'jwt'],
    load: () => import('./load').then(lesson),
  },
];

export function findMeta(id: string): CatalogEntry | undefined {
  return CATALOG.find((s) => s.id === id);
}

/** The catalog fields of one scenario, for its own file to spread. */
export function meta(id: string): ScenarioMeta {
  const entry = findMeta(id);
  if (!entry) throw new Error(`scenario ${id} is missing from the catalog`);
  const { load: _load, firstCaption: _first, ...fields } = entry;
  return { ...fields, modes: [...fields.modes] };
}

/** What a lesson says at 0 s in one world, if anything. */
export function firstCaptionOf(meta: ScenarioMeta | undefined, mode: Mode): string | undefined {
  const first = meta?.firstCaption;
  return typeof first === 'string' ? first : first?.[mode];
}

/** What the lesson says at 0 s in one world: its script's first caption, kept in the catalog. */
export function firstCaption(id: string, mode: Mode): string {
  const text = firstCaptionOf(findMeta(id), mode);
  if (text === undefined) throw new Error(`scenario ${id} has no first caption for ${mode} in the catalog`);
  return text;
}
