// A signature check's verdict: a leaf, so the pure core (src/sim) reads the same type the checker
// (tokens.ts, which holds jose and WebCrypto) gives, without importing the checker.
import type { ReasonCode } from '../reasons';
import type { AccessClaims } from './claims';

/**
 * `signatureChecked`: whether the signature was worked out (a key was found for it) before the
 * refusal. A token with an unknown kid, or an algorithm refused, costs no signature work.
 */
export type VerifyResult =
  | { ok: true; claims: AccessClaims; kid: string }
  | { ok: false; reason: ReasonCode; detail: string; signatureChecked: boolean };
