// Real JWT signing and verification with jose (WebCrypto only). Times are virtual: the caller
// passes `nowMs`, this file never reads the clock. verifyToken never throws: every failure
// becomes a ReasonCode plus one plain sentence a learner can read.
import { SignJWT, errors, exportJWK, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import type { ReasonCode } from '../reasons';
import type { Alg } from './alg';
import { timeVerdict } from './acceptance';
import type { AccessClaims } from './claims';
import type { VerifyResult } from './verdict';

export type { Alg };

export interface KeyMaterial {
  kid: string;
  alg: Alg;
  signingKey: CryptoKey;
  verifyKey: CryptoKey;
  /** null for HS256: a shared secret is never published. */
  publicJwk: Record<string, unknown> | null;
}

// PKCS#8 DER header for an Ed25519 private key; the 32-byte seed follows it (RFC 8410).
const ED25519_PKCS8_PREFIX = [
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/**
 * HS256 and EdDSA keys are derived from `seed` (32 bytes from the run's PRNG), so their tokens
 * replay byte for byte. ES256 keys come from WebCrypto's own randomness: ECDSA signatures are
 * randomised anyway, so seeding the key would not make those tokens replayable.
 */
export async function createKey(kid: string, alg: Alg, seed: Uint8Array): Promise<KeyMaterial> {
  if (seed.length !== 32) throw new RangeError(`createKey needs a 32-byte seed, got ${seed.length}`);
  const subtle = globalThis.crypto.subtle;
  const bytes = new Uint8Array(seed); // own ArrayBuffer copy: WebCrypto's BufferSource type wants one

  if (alg === 'HS256') {
    const secret = await subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return { kid, alg, signingKey: secret, verifyKey: secret, publicJwk: null };
  }

  if (alg === 'EdDSA') {
    const der = new Uint8Array(48);
    der.set(ED25519_PKCS8_PREFIX);
    der.set(bytes, 16);
    // Extractable so the public half can be read back out of the private JWK.
    const signingKey = await subtle.importKey('pkcs8', der, { name: 'Ed25519' }, true, ['sign']);
    const { kty, crv, x } = await exportJWK(signingKey);
    const verifyKey = await subtle.importKey('jwk', { kty, crv, x }, { name: 'Ed25519' }, true, ['verify']);
    return { kid, alg, signingKey, verifyKey, publicJwk: { kty, crv, x, kid, alg, use: 'sig' } };
  }

  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const { kty, crv, x, y } = await exportJWK(pair.publicKey);
  return {
    kid,
    alg,
    signingKey: pair.privateKey,
    verifyKey: pair.publicKey,
    publicJwk: { kty, crv, x, y, kid, alg, use: 'sig' },
  };
}

export type { AccessClaims };

export async function signToken(claims: AccessClaims, key: KeyMaterial): Promise<string> {
  // Claims go in whole: SignJWT's setIssuedAt() etc. would read the wall clock.
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid })
    .sign(key.signingKey);
}

export interface VerifyOptions {
  resolveKey: (kid: string | undefined, alg: string | undefined) => KeyMaterial | undefined;
  algorithms: Alg[];
  issuer: string;
  audience: string;
  nowMs: number;
  clockToleranceMs: number;
}

export type { VerifyResult };

/** Thrown from inside the key resolver so the reason survives jose's call stack. */
class VerifyFailure extends Error {
  constructor(
    readonly reason: ReasonCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const REQUIRED_CLAIMS = ['exp', 'iat', 'jti', 'sub'];

/** What a learner reads when a token fails a time rule (also said by verifyMemo's modelled checks). */
export const TIME_FAILURE_DETAIL = {
  nbf: 'The token is not valid yet: its nbf time is in the future.',
  exp: 'The token has expired: its exp time is in the past.',
  iat: 'The token claims to be issued in the future (iat), so it is not valid yet.',
} as const;

export async function verifyToken(token: string, opts: VerifyOptions): Promise<VerifyResult> {
  return (await checkToken(token, opts)).result;
}

/**
 * A check's verdict, and what holds whatever the time: the claims and key of a token whose
 * signature and every timeless rule held (also when only a time rule failed, so a model can judge
 * it again at another time), else null.
 */
export interface TokenCheck {
  result: VerifyResult;
  signed: { claims: AccessClaims; kid: string } | null;
}

export async function checkToken(token: string, opts: VerifyOptions): Promise<TokenCheck> {
  let kid = '';
  // Set once a key is handed to jose: it checks the signature next, and every other claim after.
  let signatureChecked = false;
  try {
    const getKey: JWTVerifyGetKey = (header) => {
      // The header is attacker-controlled JSON: kid may be any type.
      const wanted = typeof header.kid === 'string' ? header.kid : undefined;
      const key = opts.resolveKey(wanted, header.alg);
      if (key === undefined) {
        throw new VerifyFailure('kid_unknown', `No key with kid "${String(wanted)}" is known to this server.`);
      }
      // Algorithm confusion: never verify with a key made for another algorithm.
      if (key.alg !== header.alg) {
        throw new VerifyFailure(
          'alg_not_allowed',
          `The token says ${header.alg} but key "${key.kid}" is a ${key.alg} key, so it is refused.`,
        );
      }
      kid = key.kid;
      signatureChecked = true;
      return key.verifyKey;
    };

    const toleranceSec = opts.clockToleranceMs / 1000;
    const { payload } = await jwtVerify(token, getKey, {
      algorithms: opts.algorithms,
      issuer: opts.issuer,
      audience: opts.audience,
      requiredClaims: REQUIRED_CLAIMS,
      clockTolerance: toleranceSec,
      currentDate: new Date(opts.nowMs),
    });

    // jose has checked exp and nbf the same way; it leaves iat to us (a token issued "in the
    // future" is suspect). One rule set, shared with the inspector's prediction and the invariants.
    const claims = accessClaims(payload);
    if (timeVerdict(payload, opts.nowMs, opts.clockToleranceMs) === 'token_not_yet_valid') {
      return { result: fail('token_not_yet_valid', TIME_FAILURE_DETAIL.iat, true), signed: claims && { claims, kid } };
    }
    if (!claims) return { result: fail('malformed_token', 'The token is missing a text sub, jti or role claim.', true), signed: null };
    return { result: { ok: true, claims, kid }, signed: { claims, kid } };
  } catch (err) {
    return { result: { ...classify(err), signatureChecked }, signed: signedButUntimely(err, kid) };
  }
}

/** The claims of a payload whose every claim a later check could read has the right type, else null. */
export function accessClaims(payload: Record<string, unknown>): AccessClaims | null {
  const dates = ['exp', 'iat', 'nbf'].every((c) => payload[c] === undefined || (typeof payload[c] === 'number' && Number.isFinite(payload[c])));
  const texts = typeof payload['sub'] === 'string' && typeof payload['jti'] === 'string' && typeof payload['role'] === 'string';
  return dates && texts && typeof payload['exp'] === 'number' ? (payload as AccessClaims) : null;
}

/**
 * jose checks exp and nbf last, after the signature, the key and iss, aud and the required
 * claims: a token refused on those alone was signed right, and its payload rides on the error.
 */
function signedButUntimely(err: unknown, kid: string): TokenCheck['signed'] {
  const untimely = (err instanceof errors.JWTExpired && err.claim === 'exp') || (err instanceof errors.JWTClaimValidationFailed && err.claim === 'nbf' && err.reason === 'check_failed');
  if (!untimely) return null;
  const claims = accessClaims(err.payload);
  return claims && { claims, kid };
}

type VerifyFailed = Extract<VerifyResult, { ok: false }>;

function fail(reason: ReasonCode, detail: string, signatureChecked = false): VerifyFailed {
  return { ok: false, reason, detail, signatureChecked };
}

/** Maps jose errors (by their stable `code`) and anything else to a reason. */
function classify(err: unknown): VerifyFailed {
  if (err instanceof VerifyFailure) return fail(err.reason, err.detail);
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    claim?: unknown;
    reason?: unknown;
    message?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(err);
  switch (e.code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return fail('signature_invalid', 'The signature does not match: the token was altered after it was signed.');
    case 'ERR_JWT_EXPIRED':
      return fail('token_expired', TIME_FAILURE_DETAIL.exp);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return fail('alg_not_allowed', 'The token uses a signing algorithm this server does not accept.');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      // reason 'check_failed' = value present but wrong; 'missing'/'invalid' = badly formed.
      if (e.reason === 'check_failed') {
        if (e.claim === 'nbf' || e.claim === 'iat') {
          return fail('token_not_yet_valid', TIME_FAILURE_DETAIL[e.claim]);
        }
        if (e.claim === 'iss' || e.claim === 'aud') {
          const what = e.claim === 'iss' ? 'issuer (iss)' : 'audience (aud)';
          return fail('claim_invalid', `The token's ${what} is not the one this server expects.`);
        }
      }
      return fail('malformed_token', `The token's claims are not well formed (${message}).`);
    default:
      return fail('malformed_token', `The token is not a well-formed JWT (${message}).`);
  }
}
