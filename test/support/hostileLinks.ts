// Links a learner or a teacher could be sent, good and bad: every action type with fields wrong,
// missing, huge, named after the prototype or carrying CR/LF, timed oddly, listed oddly, in links
// whose other parameters are just as mixed, plus links that are noise. The gate's own table of
// action types and fields drives it (actionFields), so a new action is fuzzed with the others.
// Used in Node against the gate (test/unit/hostileLinks.test.ts) and in Chromium against the app.
import fc from 'fast-check';
import { CATALOG } from '../../src/scenarios/catalog';
import { actionFields } from '../../src/sim/parseAction';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const LINE_BREAKS = ['/api/profile\r\nCookie: __Host-sid=forged', 'alice\r\n', 'a\nb', 'x\u0000y', 'role\u2028admin'];
const HUGE: unknown[] = ['a'.repeat(5_000), 1e308, -1e308, 2 ** 60, -(2 ** 60)];
const WRONG_KIND: unknown[] = [null, true, false, 0, -1, 1.5, [], {}, { x: 1 }, [1, 2], '', ' '];

/** An object whose own keys may be "__proto__" or "constructor" (as JSON.parse makes them). */
function own(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  return o;
}
const POLLUTER = own([['__proto__', { polluted: 'yes', role: 'admin' }], ['constructor', { prototype: { polluted: 'yes' } }]]);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...PROTOTYPE_NAMES, ...LINE_BREAKS, ...HUGE, ...WRONG_KIND, POLLUTER),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Values a field of that name takes in the lessons (ids that exist and ids that do not). */
const PLAUSIBLE: Record<string, unknown[]> = {
  clientId: ['alice', 'bob', 'mallory', 'user-01', 'nobody'],
  fromClientId: ['alice', 'bob'],
  attackerId: ['mallory', 'eve'],
  userId: ['alice', 'bob', 'user-01', 'zed'],
  serverId: ['server-1', 'server-2', 'server-99'],
  path: ['/api/profile', '/api/admin', '/'],
  role: ['admin', 'user'],
  claims: [{ plan: 'pro' }, { team: 'red', level: '3' }],
  text: ["A teacher's note.", 'Watch the store.'],
  factor: [0.5, 2, 1_000],
  skewMs: [20_000, -30_000, 0],
  how: ['role-admin', 'alg-none', 'guess-session'],
  everyMs: [100, 1_000],
  count: [1, 10],
  patch: [{ tokenTtlMs: 10_000 }, { denylist: true }, { alg: 'EdDSA' }, { lbPolicy: 'sticky' }, { clockToleranceMs: 30_000, tokenTtlMs: 10_000 }, { logCapacity: 0 }, { mode: 'jwt' }, POLLUTER],
};

const fieldValue = (field: string): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: fc.constantFrom(...(PLAUSIBLE[field] ?? ['x'])), weight: 3 }, { arbitrary: hostileValue, weight: 2 });

/** One action: a known type with each field plausible, hostile or missing, sometimes a field it does not have; or an unknown type. */
export const actionArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.constantFrom(...Object.entries(actionFields())).chain(([type, fields]) => {
      return fc
        .record({
          values: fc.tuple(...fields.map((f) => fc.option(fieldValue(f), { nil: undefined, freq: 6 }))),
          extra: fc.option(fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES, 'also'), hostileValue), { nil: undefined, freq: 5 }),
        })
        .map(({ values, extra }) => {
          const entries: [string, unknown][] = [['type', type]];
          fields.forEach((f, i) => values[i] !== undefined && entries.push([f, values[i]]));
          if (extra) entries.push(extra);
          return own(entries);
        });
    }),
  },
  { weight: 1, arbitrary: fc.oneof(fc.record({ type: fc.constantFrom<unknown>(...PROTOTYPE_NAMES, 'format', '', 7, null) }), hostileValue) },
);

/** An action of any type with every field as the lessons fill it (ids that exist or not): what the gate lets through, mostly. */
export const plausibleActionArb: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom(...Object.entries(actionFields()))
  .chain(([type, fields]) => fc.tuple(...fields.map((f) => fc.constantFrom(...(PLAUSIBLE[f] ?? ['x'])))).map((values) => own([['type', type], ...fields.map((f, i): [string, unknown] => [f, values[i]])])));

/** What `a=` holds: a list of timed actions (mostly due before the link's moment), or text that is not one. */
const interventionsArb: fc.Arbitrary<string> = fc.oneof(
  // Lists the gate takes, so the engine and the page replay them (a list with one bad action is refused whole).
  { weight: 4, arbitrary: fc.array(fc.record({ atMs: fc.constantFrom(0, 0, 500, 2_500), action: plausibleActionArb }), { minLength: 1, maxLength: 4 }).map((list) => JSON.stringify(list)) },
  {
    weight: 8,
    arbitrary: fc
      .array(
        fc.record(
          { atMs: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5_000 }), weight: 4 }, { arbitrary: hostileValue, weight: 1 }), action: actionArb },
          { requiredKeys: ['action'] },
        ),
        { maxLength: 4 },
      )
      .map((list) => JSON.stringify(list)),
  },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('[{', '{"atMs":', 'null', '[]', '"x"', JSON.stringify(Array(201).fill({ atMs: 0, action: { type: 'addServer' } }))), hostileValue.map((v) => JSON.stringify(v) ?? 'undefined')) },
);

const LESSONS = CATALOG.map((entry) => entry.id);
const text = (good: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 4 }, { arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, '', 'x', '-1', '1e999', 'NaN', '0x10', 'a'.repeat(300)), weight: 1 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });

/** A link's query: its parameters each present or not, good or bad; rarely the lab; sometimes noise. */
export const linkArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record(
        {
          scenario: text(LESSONS),
          mode: text(['session', 'jwt', 'both']),
          seed: text(['0', '7', '4294967295', '4294967296']),
          speed: text(['1', '4', '0.25', '100']),
          t: text(['0', '3000', '6000', '86400001']),
          play: text(['1', '0']),
          q: text(['0', '1']),
          embed: fc.constantFrom('1', '0', 'yes'),
          controls: fc.constantFrom('0', '1'),
          // Rarely the lab (which reads none of the lessons' parameters).
          lab: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: fc.constantFrom('load', 'physics'), weight: 1 }),
          a: interventionsArb,
        },
        { requiredKeys: [] },
      )
      .map((p) => `?${new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`),
  },
  { weight: 1, arbitrary: fc.oneof(fc.webQueryParameters().map((q) => `?${q}`), fc.string({ maxLength: 60 }).map((s) => `?${s}`)) },
);

/** The names Object.prototype has in a page or process nothing polluted. */
export const prototypeNames = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
