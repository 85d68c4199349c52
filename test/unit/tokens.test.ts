import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createKey, signToken, verifyToken } from '../../src/auth/tokens';
import type { AccessClaims, Alg, KeyMaterial, VerifyOptions } from '../../src/auth/tokens';
import { algNoneToken, tamperClaims } from '../../src/auth/jwtText';
import { runs } from '../support/propsSetup';

const ALGS: Alg[] = ['HS256', 'ES256', 'EdDSA'];
const NOW_MS = Date.UTC(2026, 0, 5, 9, 0, 0); // a fixed virtual instant, never the wall clock
const NOW = NOW_MS / 1000;
const seed = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff);

const claims = (over: Partial<AccessClaims> = {}): AccessClaims => ({
  sub: 'alice',
  role: 'user',
  jti: 'j-1',
  iat: NOW,
  exp: NOW + 300,
  iss: 'auth.sim',
  aud: 'api.sim',
  ...over,
});

function opts(keys: KeyMaterial[], over: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    resolveKey: (kid) => keys.find((k) => k.kid === kid),
    algorithms: ['HS256', 'ES256', 'EdDSA'],
    issuer: 'auth.sim',
    audience: 'api.sim',
    nowMs: NOW_MS,
    clockToleranceMs: 0,
    ...over,
  };
}

/** Deterministic pseudo-random text (an LCG), so the test never depends on Math.random. */
function junk(length: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}"é😀';
  let x = 12345;
  let out = '';
  while (out.length < length) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += chars[x % chars.length];
  }
  return out;
}

describe('createKey, signToken, verifyToken', () => {
  it.each(ALGS)('a %s token verifies and returns its claims and kid', async (alg) => {
    const key = await createKey('k1', alg, seed(1));
    const token = await signToken(claims({ extra: 42 }), key);
    const r = await verifyToken(token, opts([key]));
    expect(r).toEqual({ ok: true, kid: 'k1', claims: claims({ extra: 42 }) });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ alg, typ: 'JWT', kid: 'k1' });
  });

  it('publishes a public JWK for ES256 and EdDSA, never the HS256 secret', async () => {
    expect((await createKey('h', 'HS256', seed(1))).publicJwk).toBeNull();
    const ed = (await createKey('e', 'EdDSA', seed(1))).publicJwk;
    expect(ed).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: 'e', alg: 'EdDSA' });
    expect(ed).not.toHaveProperty('d');
    const es = (await createKey('s', 'ES256', seed(1))).publicJwk;
    expect(es).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 's', alg: 'ES256' });
    expect(es).not.toHaveProperty('d');
  });

  it('rejects a seed that is not 32 bytes', async () => {
    await expect(createKey('k', 'HS256', new Uint8Array(16))).rejects.toThrow(RangeError);
  });

  it.each(['HS256', 'EdDSA'] as const)('%s: the same seed gives the same token, byte for byte', async (alg) => {
    const a = await signToken(claims(), await createKey('k1', alg, seed(1)));
    const b = await signToken(claims(), await createKey('k1', alg, seed(1)));
    const c = await signToken(claims(), await createKey('k1', alg, seed(2)));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it.each(ALGS)('%s: a tampered role fails with signature_invalid', async (alg) => {
    const key = await createKey('k1', alg, seed(1));
    const forged = tamperClaims(await signToken(claims(), key), { role: 'admin' });
    const r = await verifyToken(forged, opts([key]));
    expect(r).toMatchObject({ ok: false, reason: 'signature_invalid', signatureChecked: true });
    if (!r.ok) expect(r.detail).toMatch(/^The signature does not match.*\.$/);
  });

  it('alg none is refused with alg_not_allowed', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const r = await verifyToken(algNoneToken(await signToken(claims(), key)), opts([key]));
    expect(r).toMatchObject({ ok: false, reason: 'alg_not_allowed', signatureChecked: false });
  });

  it('an alg outside the allowed list is refused with alg_not_allowed', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const r = await verifyToken(await signToken(claims(), key), opts([key], { algorithms: ['EdDSA'] }));
    expect(r).toMatchObject({ ok: false, reason: 'alg_not_allowed', signatureChecked: false });
  });

  it('a kid that names a key of another alg is refused (algorithm confusion)', async () => {
    const hs = await createKey('k1', 'HS256', seed(1));
    const ed = await createKey('k1', 'EdDSA', seed(1));
    const r = await verifyToken(await signToken(claims(), hs), opts([ed]));
    expect(r).toMatchObject({ ok: false, reason: 'alg_not_allowed', signatureChecked: false });
  });

  it.each([0, 5000])('expiry boundary with %i ms tolerance, both sides', async (tol) => {
    const key = await createKey('k1', 'HS256', seed(1));
    const token = await signToken(claims(), key);
    const edgeMs = (NOW + 300) * 1000 + tol; // expired from exp + tolerance on
    const before = await verifyToken(token, opts([key], { clockToleranceMs: tol, nowMs: edgeMs - 1 }));
    const at = await verifyToken(token, opts([key], { clockToleranceMs: tol, nowMs: edgeMs }));
    expect(before.ok).toBe(true);
    expect(at).toMatchObject({ ok: false, reason: 'token_expired', signatureChecked: true });
  });

  it('nbf in the future gives token_not_yet_valid, unless within tolerance', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const token = await signToken(claims({ nbf: NOW + 10 }), key);
    expect(await verifyToken(token, opts([key]))).toMatchObject({ ok: false, reason: 'token_not_yet_valid' });
    expect((await verifyToken(token, opts([key], { clockToleranceMs: 10_000 }))).ok).toBe(true);
  });

  it('iat in the future gives token_not_yet_valid', async () => {
    const key = await createKey('k1', 'EdDSA', seed(1));
    const token = await signToken(claims({ iat: NOW + 60 }), key);
    expect(await verifyToken(token, opts([key]))).toMatchObject({ ok: false, reason: 'token_not_yet_valid' });
  });

  it('an unknown kid gives kid_unknown', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const other = await createKey('k2', 'HS256', seed(1));
    const r = await verifyToken(await signToken(claims(), key), opts([other]));
    expect(r).toMatchObject({ ok: false, reason: 'kid_unknown', signatureChecked: false });
  });

  it('a wrong audience or issuer gives claim_invalid', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const token = await signToken(claims(), key);
    expect(await verifyToken(token, opts([key], { audience: 'billing.sim' }))).toMatchObject({
      ok: false,
      reason: 'claim_invalid',
      signatureChecked: true,
    });
    expect(await verifyToken(token, opts([key], { issuer: 'evil.sim' }))).toMatchObject({
      ok: false,
      reason: 'claim_invalid',
    });
  });

  it('a missing required claim gives malformed_token', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const { jti: _omit, ...rest } = claims();
    const token = await signToken(rest as AccessClaims, key);
    // jose checks the signature before the claims: this one was worked out, then refused.
    expect(await verifyToken(token, opts([key]))).toMatchObject({ ok: false, reason: 'malformed_token', signatureChecked: true });
  });

  it.each([
    ['empty', ''],
    ['two parts', 'a.b'],
    ['garbage', 'x.y.z'],
    ['10 KB of junk', junk(10_240)],
    ['10 KB with two dots', `${junk(5000)}.${junk(200)}.${junk(5000)}`],
  ])('%s gives malformed_token, never a throw', async (_name, input) => {
    const key = await createKey('k1', 'HS256', seed(1));
    const r = await verifyToken(input, opts([key]));
    expect(r).toMatchObject({ ok: false, reason: 'malformed_token', signatureChecked: false });
    if (!r.ok) expect(r.detail).toMatch(/^[A-Z].*\.$/);
  });

  it('after rotation, a token signed by the old key verifies while its kid still resolves', async () => {
    const old = await createKey('2026-01', 'EdDSA', seed(1));
    const current = await createKey('2026-02', 'EdDSA', seed(2));
    const token = await signToken(claims(), old);
    expect(await verifyToken(token, opts([current, old]))).toMatchObject({ ok: true, kid: '2026-01' });
    expect(await verifyToken(token, opts([current]))).toMatchObject({ ok: false, reason: 'kid_unknown' });
  });

  it('verifyToken never throws for arbitrary strings (property)', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const o = opts([key]);
    const dotted = fc.array(fc.oneof(fc.base64String(), fc.string()), { maxLength: 4 }).map((p) => p.join('.'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), dotted), async (s) => {
        const r = await verifyToken(s, o);
        expect(r.ok).toBe(false);
      }),
      { numRuns: runs(300) },
    );
  });

  it('any real edit of a signed payload is caught (property)', async () => {
    const key = await createKey('k1', 'HS256', seed(1));
    const token = await signToken(claims(), key);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), async (patch) => {
        const forged = tamperClaims(token, patch);
        const r = await verifyToken(forged, opts([key]));
        // An edit that re-encodes to the same bytes is no edit at all.
        if (forged === token) expect(r.ok).toBe(true);
        else expect(r).toMatchObject({ ok: false, reason: 'signature_invalid' });
      }),
      { numRuns: runs(200) },
    );
  });
});
