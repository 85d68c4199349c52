// Signature checks at scale (the load lab): the same token bytes under the same keys and rules
// always get the same signature verdict, so after one real jose verification the verdict is
// remembered and only the time window (acceptance.ts, jose's own rules) is judged again. The CPU
// cost stays charged in virtual time by the servers; every `sampleEvery`-th check still runs jose
// for real and is compared, so a model that drifted from the truth shows as a mismatch count.
import { brokenTimeRule, TIME_RULE_VERDICT } from './acceptance';
import type { Alg } from './alg';
import type { AccessClaims } from './claims';
import { decodeJwtParts } from './jwtText';
import { accessClaims, TIME_FAILURE_DETAIL, type TokenCheck, type VerifyOptions, type VerifyResult } from './tokens';

/** A verdict that holds whatever the time: the claims of a good signature, or a failure found before any time rule. */
type Memo = { ok: true; claims: AccessClaims; kid: string } | { ok: false; result: VerifyResult };

/** A token this run signed: its claims as jose will read them, and the key that signed it. */
interface Signed {
  claims: AccessClaims;
  kid: string;
  alg: Alg;
}

/** Failures jose finds before it looks at exp or nbf (the signature, the key, iss and aud), so time cannot change them. */
const TIMELESS_FAILURES = new Set(['signature_invalid', 'kid_unknown', 'alg_not_allowed', 'claim_invalid']);

/** One real jose check in this many is made even when the model could answer (and compared). */
export const REAL_SAMPLE_EVERY = 128;

export interface VerifyCounts {
  real: number;
  modelled: number;
  /** Real checks of the sample whose verdict differed from the model's: 0 unless the model is wrong. */
  mismatches: number;
}

export interface MemoRequest {
  token: string;
  knownKids: string[];
  options: Omit<VerifyOptions, 'resolveKey'>;
}

export class VerifyMemo {
  /** Verdicts by the rules they were made under (algorithms, keys, iss, aud), then by token bytes. */
  private readonly memo = new Map<string, Map<string, Memo>>();
  readonly counts: VerifyCounts = { real: 0, modelled: 0, mismatches: 0 };
  private checks = 0;
  /** First real checks of new bytes still running, by rules and token: a repeat meanwhile waits for the verdict. */
  private readonly underwayChecks = new Map<string, Promise<unknown>>();

  /** Token bytes remembered, over all rules. */
  private size = 0;
  /** Tokens this run signed with the keys of now, by their bytes (see `signedHere`). */
  private readonly signedTokens = new Map<string, Signed>();

  /** `maxTokens`: past this many remembered token bytes the memo starts again (a memo kept for a whole session stays bounded). */
  constructor(
    private readonly sampleEvery: number,
    private readonly maxTokens = Infinity,
  ) {}

  /**
   * The first real check of these bytes, if one is running now. A repeat waits for it and then
   * recalls the verdict, so whether a check is modelled never depends on when the run paused.
   */
  underway(r: MemoRequest): Promise<unknown> | undefined {
    return this.underwayChecks.get(checkKey(r));
  }

  /** A first real check of these bytes has started. */
  track(r: MemoRequest, check: Promise<unknown>): void {
    const key = checkKey(r);
    this.underwayChecks.set(key, check);
    void check.finally(() => {
      if (this.underwayChecks.get(key) === check) this.underwayChecks.delete(key);
    });
  }

  /** The generation of the keys verdicts were made with (see keysAre). */
  private keys = 0;

  /**
   * The keys of the checks to come, as a generation that grows whenever a key is made or replaced:
   * verdicts made with other keys no longer hold, and are forgotten.
   */
  keysAre(generation: number): void {
    if (generation === this.keys) return;
    this.restart();
    this.keys = generation;
  }

  /**
   * The verdict without crypto, or null when the bytes are new under these keys and rules (then
   * run the check for real and call `remember`). When `sampled()` then says so, run this check
   * for real as well and `compare` the two: the model's verdict stands either way, so the run never
   * waits for the sample.
   */
  recall(r: MemoRequest): VerifyResult | null {
    const memo = this.memo.get(rulesKey(r))?.get(r.token) ?? this.fromSigning(r);
    if (!memo) return null;
    this.counts.modelled++;
    return judge(memo, r.options);
  }

  /**
   * A token this run has just signed, with the keys of `generation` (the keys' generation when the
   * signing began): its first check needs no crypto either. Signed here, its bytes verify under
   * any rules that know its key, allow its algorithm and expect its iss and aud, for as long as
   * that key stays (a change of keys forgets it, `keysAre`); the sample still checks it for real.
   * In a lab row this is each user's first check, ~1,000 real jose checks a row, each awaited alone.
   */
  signedHere(token: string, kid: string, alg: Alg, generation: number): void {
    if (generation !== this.keys) return;
    const parts = decodeJwtParts(token);
    // Claims a check would refuse (missing, mistyped) are left to a real check to say so.
    const claims = parts.ok && typeof parts.payload['iat'] === 'number' ? accessClaims(parts.payload) : null;
    if (!claims || parts.ok === false || parts.header['kid'] !== kid || parts.header['alg'] !== alg) return;
    if (this.signedTokens.size >= this.maxTokens) this.signedTokens.clear();
    this.signedTokens.set(token, { claims, kid, alg });
  }

  /** The verdict on a token signed here, under rules that accept it (else null: it is checked for real). */
  private fromSigning(r: MemoRequest): Memo | null {
    const signed = this.signedTokens.get(r.token);
    if (!signed) return null;
    const { claims, kid, alg } = signed;
    const accepted = r.knownKids.includes(kid) && r.options.algorithms.includes(alg) && claims.iss === r.options.issuer && claims.aud === r.options.audience;
    if (!accepted) return null;
    const memo: Memo = { ok: true, claims, kid };
    this.keep(rulesKey(r), r.token, memo);
    return memo;
  }

  /** Every `sampleEvery`-th modelled check is also run for real (a deterministic sample). */
  sampled(): boolean {
    return ++this.checks % this.sampleEvery === 0;
  }

  /**
   * A real verification of new bytes: what time cannot change is kept. A good signature is kept
   * with its claims also when a time rule failed (an expired token is judged from memory, like a
   * fresh one); a failure found before any time rule, as it is.
   */
  remember(r: MemoRequest, real: TokenCheck): void {
    this.counts.real++;
    const memo: Memo | null = real.signed ? { ok: true, claims: real.signed.claims, kid: real.signed.kid } : !real.result.ok && TIMELESS_FAILURES.has(real.result.reason) ? { ok: false, result: real.result } : null;
    if (memo) this.keep(rulesKey(r), r.token, memo);
  }

  private keep(rules: string, token: string, memo: Memo): void {
    if (this.size >= this.maxTokens) this.restart();
    let verdicts = this.memo.get(rules);
    if (!verdicts) this.memo.set(rules, (verdicts = new Map()));
    if (!verdicts.has(token)) this.size++;
    verdicts.set(token, memo);
  }

  private restart(): void {
    this.memo.clear();
    this.signedTokens.clear();
    this.size = 0;
  }

  /** A sampled check: what jose said against what the model said. */
  compare(modelled: VerifyResult, real: VerifyResult): void {
    this.counts.real++;
    if (!sameVerdict(modelled, real)) this.counts.mismatches++;
  }
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The last rules seen and their key: rules change only when keys do, so the key string is rarely built (it was per check). */
let lastRules: { r: MemoRequest; key: string } | null = null;

function rulesKey(r: MemoRequest): string {
  const last = lastRules?.r;
  if (last && sameList(last.options.algorithms, r.options.algorithms) && sameList(last.knownKids, r.knownKids) && last.options.issuer === r.options.issuer && last.options.audience === r.options.audience) return lastRules!.key;
  const key = `${r.options.algorithms.join(',')}|${r.knownKids.join(',')}|${r.options.issuer}|${r.options.audience}`;
  lastRules = { r, key };
  return key;
}
/** One check: these bytes under these rules. */
const checkKey = (r: MemoRequest): string => `${rulesKey(r)}|${r.token}`;

/** A remembered signature verdict, judged again at this check's time by jose's time rules. */
function judge(memo: Memo, o: MemoRequest['options']): VerifyResult {
  if (!memo.ok) return memo.result;
  const rule = brokenTimeRule(memo.claims, o.nowMs, o.clockToleranceMs);
  if (rule === null) return { ok: true, claims: memo.claims, kid: memo.kid };
  return { ok: false, reason: TIME_RULE_VERDICT[rule], detail: TIME_FAILURE_DETAIL[rule], signatureChecked: true };
}

function sameVerdict(a: VerifyResult, b: VerifyResult): boolean {
  if (a.ok && b.ok) return a.kid === b.kid && a.claims.jti === b.claims.jti;
  if (!a.ok && !b.ok) return a.reason === b.reason && a.detail === b.detail && a.signatureChecked === b.signatureChecked;
  return false;
}

