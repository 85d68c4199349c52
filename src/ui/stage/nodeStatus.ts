// The few words each node shows at a glance, read from a snapshot. Pure, so tests can read them.
import type { WorldSnapshot } from '../../store/snapshot';
import type { Mode } from '../../sim/schemes/names';
import type { AppServer, DroppedCookie, ForgeHow, SessionRecord } from '../../sim/types';
import { shorten } from '../shorten';
import { JWT_COOKIE, SESSION_COOKIE } from '../../sim/cookieNames';
import { formatNumber, plural } from '../../format';
import { acceptsExpiry } from '../../auth/acceptance';
import { decodeJwtParts } from '../../auth/jwtText';
import { VIRTUAL_EPOCH_MS } from '../../sim/world';
import { knownKids } from '../../sim/schemes/jwt';
import { refreshTokenHeld } from '../../sim/nodes/browser';
import { isHeldSecret } from '../../sim/nodes/keySet';
import { Remembered } from '../../sim/remembered';

/** The balancer's title; layout.ts gives its column room to hold it whole. */
export const LB_TITLE = 'Load balancer';

export interface NodeStatus {
  title: string;
  /** Shorter titles for a narrow box, from more to fewest words. */
  short?: readonly string[];
  lines: string[];
  /** Fewer words for a line, by its index, from more to fewest, where the line does not fit a narrow box (drawn instead of cutting it to "wristband:…"); each is words of the line. */
  shortLines?: (string[] | undefined)[];
  down: boolean;
  /** A check that just happened on this node: the hologram flash (signature) or a lookup. */
  flash: { ok: boolean; text: string } | null;
}

const FLASH_MS = 120;

/**
 * `folded`: the browsers the layout drew as the crowd node (its alias list). `predicting`: a question
 * waits for the learner's prediction, and what the stage infers rather than shows is kept back.
 */
export function nodeStatus(world: WorldSnapshot, id: string, folded: readonly string[] = [], predicting = false): NodeStatus {
  if (id === 'crowd') {
    const n = folded.length;
    // How many of them hold a credential: the load lesson's "Twenty users log in" stood beside "+35 more",
    // twenty of whom had not arrived. An 800x600 embed's box (~80 px) read "+37 m…" over "as one n…": "+37" over "17 of 37".
    // Whether each holds one, not what it says: a badge's words decode its token, 35 times a publish.
    const ids = new Set(folded);
    const inside = world.clients.filter((c) => ids.has(c.id) && holdsCredential(c)).length;
    // A laptop's box (~80 px of line) says what the count is of, and out of how many: "+35 more" over
    // "15 of 35" said nothing of what the 15 were, and over "logged in: 15" it read as all the world's logins.
    return { title: `${n} more browsers`, short: [`+${n} more`, `+${n}`], lines: [`logged in: ${inside} of ${n}`], shortLines: [[`in: ${inside} of ${n}`, `${inside} of ${n}`]], down: false, flash: null };
  }
  if (id === 'lb') return { title: LB_TITLE, lines: [world.options.lbPolicy], down: false, flash: null };
  if (id === 'store') return storeStatus(world, predicting);
  // A 640x400 embed's JWT world (a 122 px box) read "Key set (JW…".
  if (id === 'jwks') return { title: 'Key set (JWKS)', short: ['Key set', 'JWKS'], ...keyLines(world), down: false, flash: null };
  const server = world.servers.find((s) => s.id === id);
  if (server) {
    const own = SERVER_LINES[world.mode](world, server);
    // A skewed clock, the clock-skew lesson's point, is what a narrow box keeps of the second line ("0 in flight, clo…" on a phone).
    const offset = `${server.skewMs > 0 ? '+' : ''}${Math.round(server.skewMs / 1000)} s`;
    const skew = server.skewMs ? `clock ${offset}` : '';
    // So is the tolerance a JWT server verifies with: clock-skew's workaround changed nothing on the stage (learner review).
    const toleranceMs = world.mode === 'jwt' ? world.options.clockToleranceMs : 0;
    const seconds = `${formatNumber(toleranceMs / 1000, 3)} s`;
    const tolerance = toleranceMs > 0 ? `tolerance ${seconds}` : '';
    const clock = [skew, tolerance].filter(Boolean).join(', ');
    // An 800x600 embed's skewed servers said "clock +20 s" alone, server-1 "tolerance 25 s", beside "every server allows a 25 s clock tolerance".
    // A phone's (~95 px of line) kept "clock +20 s" alone too: the skew's sign and seconds say it, beside the tolerance.
    const clockShort = clock ? (skew && tolerance ? [clock, `${skew}, tol. ${seconds}`, `${offset}, tol. ${seconds}`, skew] : [clock, ...(tolerance ? [`tol. ${seconds}`] : [])]) : undefined;
    const clockLine = { text: `${server.inFlight} in flight${clock ? `, ${clock}` : ''}`, short: clockShort };
    // Where a clock is skewed, that line first: a box with room for one (a landscape phone's) said "keys: k1" on every server, and not which one runs fast (learner review).
    const ordered = world.servers.some((sv) => sv.skewMs) ? [clockLine, ...own] : [...own, clockLine];
    const c = server.lastCheck;
    const fresh = c && world.timeMs - c.atMs <= FLASH_MS;
    const flash = fresh && c ? { ok: c.ok, text: `${c.kind} ${c.ok ? '✓' : '✗'}` } : null;
    return { title: server.id, short: serverShortTitles(server.id), lines: server.up ? ordered.map((l) => l.text) : ['down'], shortLines: server.up ? ordered.map((l) => l.short) : undefined, down: !server.up, flash };
  }
  const client = world.clients.find((c) => c.id === id);
  if (client) {
    const held = holdingOf(world, client.id, predicting);
    const titles = client.kind === 'attacker' ? { title: `${client.id} (attacker)`, short: [client.id] } : browserTitles(client.id);
    // Its refresh token, where it holds one, is its second line: "Mallory copies both of Alice's tokens"
    // stood beside one badge, and so did her presenting the stolen refresh token.
    const refresh = refreshTokenHeld(client) !== undefined;
    // One whose family the store revoked is said so: refresh-tokens' "the whole family is revoked" stood beside Alice's "refresh token" for 6 s (learner review).
    const dead = world.store.revokedRefreshHolders.includes(client.id);
    const second = dead ? { text: '+ a refresh token, revoked', short: ['refresh token, revoked', 'revoked refresh'] } : { text: '+ a refresh token', short: ['refresh token'] };
    return { ...titles, lines: refresh ? [held.text, second.text] : [held.text], shortLines: refresh ? [held.short, second.short] : [held.short], down: false, flash: null };
  }
  return { title: id, lines: [], down: false, flash: null };
}

/** A browser's title and its fewer words: "alice's browser", "alice". */
export const browserTitles = (id: string): { title: string; short: string[] } => ({ title: `${id}'s browser`, short: [id] });

/** "srv-5" for "server-5": a phone's row of five title-only boxes (61 px) holds it, where it cut "server-5" to "serv…". */
export const serverShortTitles = (id: string): string[] => (id.startsWith('server-') ? [`srv-${id.slice('server-'.length)}`] : []);

/** What a server node shows of its model's own state (local sessions, its key cache), with fewer words for a narrow box. */
const SERVER_LINES: Record<Mode, (world: WorldSnapshot, server: AppServer) => { text: string; short?: string[] }[]> = {
  // A narrow box (four servers at 1280, four in a phone's row) keeps what the line counts: "3 sessions in mem…" read as nothing.
  session: (world, server) => {
    const held = Object.keys(server.localSessions).length;
    return world.options.sessionStorage === 'local' ? [{ text: `${plural(held, 'session')} in memory`, short: [`${held} in memory`, plural(held, 'session')] }] : [];
  },
  // Short enough for a phone's server box ("keys: none cached" was cut to "keys: none ca…").
  // Four in a phone's row: "keys: k1…" hid the k2 the microservices lesson is about; the ids alone fit.
  // The keys it checks with: an HS256 secret it was given (never fetched) and the public keys it
  // cached from the key set; with neither yet, that it has not fetched the set. A secret says it
  // signs too: microservices' "keys: k1" and "keys: k1 k2" drew no line between a secret any service
  // could sign with and a public key none can (learner review).
  jwt: (world, server) => {
    const kids = knownKids(world.keys.keys, server.jwksCache.kids);
    const secrets = kids.filter((kid) => world.keys.keys.some((k) => k.kid === kid && isHeldSecret(k)));
    if (secrets.length) {
      const published = kids.filter((kid) => !secrets.includes(kid));
      const [secret, pub] = [`secret ${secrets.join(' ')}`, published.length ? ` · public ${published.join(' ')}` : ''];
      return [{ text: `${secret} (can sign)${pub}`, short: [`${secret}${pub}`, kids.join(' ')] }];
    }
    if (kids.length) return [{ text: `keys: ${kids.join(' ')}`, short: [kids.join(' ')] }];
    // An HS256 secret is given, never fetched: before the Play that makes it, microservices' services
    // read "key set not fetched" under "the issuer and all five services share one secret" (embed review).
    return [world.options.alg === 'HS256' && !world.keys.keys.some((k) => k.ready) ? { text: 'no secret given yet', short: ['no secret yet', 'no secret'] } : { text: 'key set not fetched yet', short: ['key set not fetched', 'no JWKS yet', 'no JWKS'] }];
  },
};

/** The store node: what each model keeps there. */
const STORE_STATUS: Record<Mode, (world: WorldSnapshot, state: string, predicting: boolean) => NodeStatus> = {
  session: (world, state) => {
    const st = world.store;
    const local = world.options.sessionStorage === 'local';
    const queue = st.queued ? `${st.queued} queued` : '';
    const sessions = plural(st.sessions.length, 'session');
    // A user who logged in again without logging out leaves the old record in the store, still valid
    // to whoever holds its id: tampering's store held "2 sessions" beside Alice alone.
    const behind = leftBehind(world, st.sessions);
    const lines = storeLines(local ? 'unused (server memory)' : `${sessions}${behind ? `, ${behind} left behind` : ''}`, state, queue && `, ${queue}`);
    // Under "46 queued", a bare "up" read "46 queued up" (load lesson at 1366x768): with a queue it says what up means.
    if (queue && state === 'up') lines[1] = 'up, serving in turn';
    // A narrow box said "unused (server memor…"; the title already says what is unused. With a queue,
    // the queue: a landscape phone's load lesson read "20 sessions, 1 q…" as the caption said requests queue there.
    const short = local ? storeLines('unused', state)[0]! : queue ? (state === 'up' ? queue : `${state}, ${queue}`) : behind && storeLines(sessions, state)[0]!;
    return { title: 'Session store', lines, shortLines: [short ? [short] : undefined, queue && state === 'up' ? ['serving in turn'] : undefined], down: !st.up, flash: null };
  },
  jwt: (world, state, predicting) => {
    const st = world.store;
    const used = world.options.denylist || world.options.refreshTokens;
    // Unused, it says so only once the learner has predicted: store-outage asks whether Alice still
    // gets in as the store goes down, and the store drawn then said "DOWN: JWT needs no lookup" (learner review).
    if (!used && predicting) return { title: 'Store', lines: [state], down: !st.up, flash: null };
    // On a phone "2 refresh families, 1 revoked" was cut to "…, 1 re…": the revoked count, what the
    // refresh-tokens lesson is about, comes last, so a narrow box says fewer words before it.
    const held = (family: string, families: string) => [world.options.denylist ? `denylist ${st.denylist.length + st.revokedUsers.length}` : '', world.options.refreshTokens ? `${plural(st.refreshFamilies, family, families)}${st.revokedFamilies ? `, ${st.revokedFamilies} revoked` : ''}` : ''].filter(Boolean).join(', ');
    const lines = storeLines(used ? held('refresh family', 'refresh families') : 'JWT needs no lookup', state);
    // Unused, what a narrow box keeps is that JWT needs it not: store-outage's point ("DOWN: JWT needs no l…" on a phone).
    const shortLines = used ? (world.options.refreshTokens ? [[storeLines(held('family', 'families'), state)[0]!]] : undefined) : [['no lookup needed', 'not needed'].map((what) => storeLines(what, state)[0]!)];
    return { title: used ? 'Shared store' : 'Store (unused)', lines, shortLines, down: !st.up, flash: null };
  },
};

/**
 * What the store holds, then its state. A state other than up opens the first line, the one a phone's
 * compact rows keep, and the part a narrow box cuts last: there the store-outage lesson's store read
 * "2 sessions" while it was down. The queue goes on the first line too: in the load lesson a phone's
 * store read "40 sessions" while 21 queries waited and the caption said they all wait on the store.
 */
const storeLines = (what: string, state: string, queued = ''): string[] => (state === 'up' ? [`${what}${queued}`, state] : [`${state}${queued}: ${what}`]);

function storeStatus(world: WorldSnapshot, predicting: boolean): NodeStatus {
  const st = world.store;
  const state = !st.up ? 'DOWN' : st.slowFactor > 1 ? `slow ×${st.slowFactor}` : 'up';
  const status = STORE_STATUS[world.mode](world, state, predicting);
  if (state === 'up' || status.lines[0] === state) return status;
  // Where no other form fits, the state alone: a landscape phone's store said "Session store" through
  // the whole outage, where "Session store: DOWN" fits (learner review).
  const [first = [], ...rest] = status.shortLines ?? [];
  return { ...status, shortLines: [[...first, state], ...rest] };
}

/**
 * The key set's lines: public keys are published; an HS256 secret is not (the issuer provisions it
 * to every server), so it is never drawn as part of the public set. With more than one key, the one
 * new tokens are signed with says so in words: a bare "k1 k2*" was read as nothing; a public key is
 * "current", not "signing": "public key: k2 (signing)" said a public key signs, what the
 * microservices lesson undoes (learner reviews).
 */
function keyLines(world: WorldSnapshot): Pick<NodeStatus, 'lines' | 'shortLines'> {
  const ready = world.keys.keys.filter((k) => k.ready);
  if (ready.length === 0) return { lines: ['no keys yet'] };
  const kids = (hs256: boolean) =>
    ready.filter((k) => (k.alg === 'HS256') === hs256).map((k) => (ready.length > 1 && k.kid === world.keys.activeKid ? `${k.kid} (${hs256 ? 'signing' : 'current'})` : k.kid));
  const [published, secrets] = [kids(false), kids(true)];
  const noun = (one: string, list: string[]) => `${one}${list.length > 1 ? 's' : ''}`;
  const publicLine = published.length ? { text: `${noun('public key', published)}: ${published.join(' ')}`, short: [`${noun('key', published)}: ${published.join(' ')}`, published.join(' ')] } : { text: 'no public key', short: [] };
  if (!secrets.length) return { lines: [publicLine.text], shortLines: [publicLine.short] };
  // The secret first where nothing is public: a phone's compact rows keep one line. Shorter forms
  // for a narrow box: "HS256: secret k1 provisioned t…" was cut at 1280 px.
  const secret = `${noun('HS256 secret', secrets)} ${secrets.join(' ')}`;
  // Narrow, "not public" is what it keeps: "HS256 secret k1: on every server" in a box titled Key set (JWKS) read as a published secret (learner review).
  const secretLine = { text: `${secret}: on every server, not public`, short: [`${secret}: not public`, secret] };
  return published.length
    ? { lines: [publicLine.text, secretLine.text], shortLines: [publicLine.short, secretLine.short] }
    : { lines: [secretLine.text, publicLine.text], shortLines: [secretLine.short] };
}

/** A badge's line, and fewer words for a narrower box (from more to fewest). */
interface Badge {
  text: string;
  short: string[];
}

/** A JWT as its browser's node says it: as signed, past its exp, or as the tampering made it. */
const SIGNED_BADGE: Badge = { text: 'a signed JWT', short: ['signed JWT'] };
/**
 * A good token says its size: token-size's lesson is the bytes every request carries, and the stage
 * showed "badge: a signed JWT" from 300 bytes to 4 KB (only the log said "a 1549-byte GET"). Once
 * keys have rotated, it says which key signed it (`kid`): key-rotation's point is Bob's k2 token
 * beside Alice's k1 one, and both read "a signed JWT".
 */
const sizedBadge = (token: string, kid: string | null): Badge => {
  const size = formatNumber(token.length); // base64url and dots: one byte a character
  if (!kid) return { text: `a signed JWT, ${size} B`, short: [`signed JWT, ${size} B`, `JWT, ${size} B`, 'signed JWT'] };
  return { text: `a JWT signed with ${kid}, ${size} B`, short: [`signed with ${kid}, ${size} B`, `signed with ${kid}`, 'signed JWT'] };
};
const EXPIRED_BADGE: Badge = { text: 'an expired JWT', short: ['expired JWT'] };
const TAMPERED_BADGES: Partial<Record<ForgeHow, Badge>> = {
  'alg-none': { text: 'an unsigned JWT', short: ['unsigned JWT'] },
  'role-admin': { text: 'an altered JWT', short: ['altered JWT'] },
};

export interface Holding {
  /** What the client holds: a session id, a JWT, or nothing. */
  kind: Mode | 'none';
  /** The node's line: "wristband: sid 3fA9k2…", "badge: a signed JWT", "not logged in", "cookie dropped: 4,512 bytes, too big". */
  text: string;
  /** Fewer words for a narrow box, from more to fewest: "sid 3fA9k2…", "signed JWT". */
  short?: string[];
  /** The id held, when any (the session id or the token). */
  value: string | null;
}

/** The claims a badge reads from a token, unchecked (null: not readable). */
interface BadgeClaims {
  exp: unknown;
  role: unknown;
  sub: unknown;
  kid: unknown;
}
/** Each publish redraws every browser, which keeps its token until it is refreshed: its claims are decoded once (bounded). */
const badgeClaims = new Remembered((token): BadgeClaims | null => {
  const parts = decodeJwtParts(token);
  return parts.ok ? { exp: parts.payload.exp, role: parts.payload.role, sub: parts.payload.sub, kid: parts.header.kid } : null;
}, 512);

/**
 * A signed badge as it reads now: expired once its exp has passed by the true clock of the world,
 * with no tolerance (jose's rule: expired at exp); saying a role its user no longer has (the role
 * changed after it was signed: stale-claims' "her token still says admin" had nothing on the stage
 * to show it); else signed.
 */
function signedBadge(world: WorldSnapshot, token: string, predicting: boolean): Badge {
  const claims = badgeClaims.of(token);
  if (!claims) return SIGNED_BADGE;
  const { exp, role, sub, kid } = claims;
  // Which key signed it matters once there has been more than one (a rotation), not before; after too:
  // as key-rotation withdrew k1, Bob's "signed with k2" went back to "a signed JWT" (learner review).
  const rotated = typeof kid === 'string' && (world.keys.made > 1 || kid !== world.keys.activeKid);
  if (typeof exp === 'number' && !acceptsExpiry(exp, VIRTUAL_EPOCH_MS + world.timeMs, 0)) return EXPIRED_BADGE;
  // Its subject's role (a stolen copy in Mallory's browser is still Alice's token).
  const now = world.users.find((u) => u.id === sub)?.role;
  // The caption's words, "still says": "says "admin", now "user"" read as a token that now says "user",
  // and, narrow, "says "user"" alone as Bob's role just after his promotion. Narrowest, "stale": at 844x390
  // "alice: still says "admin"" did not fit, and her box said only "alice's browser" (learner review).
  // Not while a prediction waits: stale-claims asks, just after the demotion, whether Alice is served as
  // an admin, "her token still says "admin"" being the answer's own words (learner review).
  return !predicting && typeof role === 'string' && now !== undefined && role !== now
    ? { text: `a stale JWT: still says "${role}", role now "${now}"`, short: [`still says "${role}", role now "${now}"`, `still says "${role}"`, `stale "${role}"`] }
    : sizedBadge(token, rotated ? kid : null);
}

/** The session id or token a browser holds (its cookie jar, or a token its page keeps), without describing them. */
function credentialsOf(client: WorldSnapshot['clients'][number]): { sid: string | null; token: string | null; tokenInCookie: boolean } {
  const sid = client.jar.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? null;
  const cookie = client.storage.accessToken ? undefined : client.jar.cookies.find((c) => c.name === JWT_COOKIE)?.value;
  return { sid, token: client.storage.accessToken ?? cookie ?? null, tokenInCookie: cookie !== undefined };
}

/**
 * How many of these sessions are left behind: no cookie names one (an attacker's copy counts), and a
 * cookie names a newer session of its user. A login's new session, its answer still on its way, is
 * named by no cookie yet but is its user's newest: the load lesson's store said "1 orphaned" at every login.
 */
function leftBehind(world: WorldSnapshot, records: readonly SessionRecord[]): number {
  if (records.length < 2) return 0;
  const byId = new Map(records.map((r) => [r.id, r]));
  const named = new Set<string>();
  const newestNamed = new Map<string, number>();
  for (const c of world.clients) {
    const sid = credentialsOf(c).sid;
    const r = sid === null ? undefined : byId.get(sid);
    if (!r) continue;
    named.add(r.id);
    newestNamed.set(r.userId, Math.max(newestNamed.get(r.userId) ?? -Infinity, r.createdAtMs));
  }
  return records.filter((r) => !named.has(r.id) && r.createdAtMs < (newestNamed.get(r.userId) ?? -Infinity)).length;
}

const holdsCredential = (client: WorldSnapshot['clients'][number]): boolean => {
  const { sid, token } = credentialsOf(client);
  return sid !== null || !!token;
};

/** What a browser holds, in the article's picture: a wristband (session id) or a badge (JWT). The one source for the node and the inspector. */
export function holdingOf(world: WorldSnapshot, clientId: string, predicting = false): Holding {
  const client = world.clients.find((c) => c.id === clientId);
  if (!client) return { kind: 'none', text: '', value: null };
  // A tampered credential is drawn as such: "badge: a signed JWT" stood beside a browser sending an alg "none" token.
  const { sid, token, tokenInCookie } = credentialsOf(client);
  if (sid !== null) {
    // Its size, as a badge says its token's: the two worlds' credentials side by side in bytes (token-size's
    // session browser said none beside "a signed JWT, 3694 B", under "watch the bytes grow in each world").
    const short = `${client.forged === 'guess-session' ? 'guessed ' : ''}sid ${shorten(sid, 6)}`;
    const size = `${formatNumber(sid.length)} B`; // base64url: one byte a character
    // Once a role has changed, the wristband says it carries none, beside the badges' "still says "user"":
    // stale-claims' contrast showed in its JWT world alone (learner review). Not while a prediction waits.
    if (!predicting && world.report.roleChanges > 0) return { kind: 'session', text: `wristband: ${short}, ${size}, no role in it`, short: [`${short}, ${size}, no role in it`, `${short}, no role in it`, 'sid: no role in it', short], value: sid };
    return { kind: 'session', text: `wristband: ${short}, ${size}`, short: [`${short}, ${size}`, short], value: sid };
  }
  if (token) {
    // A badge past its exp is told as such ("badge: a signed JWT" stood beside 401 token_expired
    // answers). So is one whose role is stale.
    const badge = (client.forged && TAMPERED_BADGES[client.forged]) || signedBadge(world, token, predicting);
    // jwt-in-cookie's point is that both worlds hold an HttpOnly cookie: "badge:" alone read as a token the page keeps.
    if (tokenInCookie) return { kind: 'jwt', text: `badge in a cookie: ${badge.text}`, short: [`cookie: ${badge.text}`, ...(badge.short ?? [])], value: token };
    return { kind: 'jwt', text: `badge: ${badge.text}`, short: badge.short, value: token };
  }
  // A cookie it refused is why it holds nothing (token-size's token outgrew a cookie): said so, not "not logged in".
  const dropped = client.cookieDropped;
  if (dropped) {
    const sized = dropped.bytes === null ? null : `cookie dropped: ${formatNumber(dropped.bytes)} bytes`;
    return { kind: 'none', text: sized ? `${sized}, too big` : `cookie dropped: ${DROPPED_WHY[dropped.reason]}`, short: sized ? [sized, 'cookie dropped'] : ['cookie dropped'], value: null };
  }
  return { kind: 'none', text: 'not logged in', value: null };
}

/** Why a browser refused a cookie, in the fewest words a node's line has room for. */
export const DROPPED_WHY: Record<DroppedCookie['reason'], string> = {
  malformed: 'malformed',
  too_large: 'too big',
  prefix_violation: 'breaks its name prefix rule',
  secure_required: 'needs https',
  domain_mismatch: 'wrong domain',
};
