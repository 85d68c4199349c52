// The auth models the simulator runs, in the order their worlds are shown, with the words every
// layer uses for them. A leaf module: the UI, the links and the runner read it without the engine.
// Adding a model: its file in this folder, a line here and one in `index.ts` (the compiler then
// names every place that must learn about it).

export interface SchemeWords {
  /** The world's heading on the stage. */
  title: string;
  /** Short name: "Session event log", "JWT" in a toggle. */
  name: string;
  /** In a sentence: "no session world is loaded". */
  world: string;
  /** What a browser holds: "a session cookie", "a JWT". */
  credential: string;
  /** The label on a request's dot, and how the log says what it carries. */
  dot: string;
  carried: string;
  /** Whether the world has a key set (JWKS) node on its stage. */
  usesKeySet: boolean;
  /** Whether it signs or verifies with WebCrypto (which only a secure page has). */
  needsWebCrypto: boolean;
}

export const SCHEME_WORDS = {
  session: { title: 'Session + cookie (stateful)', name: 'Session', world: 'session world', credential: 'a session cookie', dot: 'cookie', carried: 'their session cookie', usesKeySet: false, needsWebCrypto: false },
  jwt: { title: 'JWT (stateless)', name: 'JWT', world: 'JWT world', credential: 'a JWT', dot: 'JWT', carried: 'their JWT', usesKeySet: true, needsWebCrypto: true },
} as const satisfies Record<string, SchemeWords>;

export type Mode = keyof typeof SCHEME_WORDS;

/** Every model, in display order: "both worlds" means this list. */
export const MODES = Object.keys(SCHEME_WORDS) as Mode[];

export const isMode = (value: unknown): value is Mode => typeof value === 'string' && Object.hasOwn(SCHEME_WORDS, value);
