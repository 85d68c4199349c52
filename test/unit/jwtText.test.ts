import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  algNoneToken,
  base64urlDecode,
  base64urlEncode,
  base64urlToBytes,
  byteLength,
  bytesToBase64url,
  decodeJwtParts,
  tamperClaims,
} from '../../src/auth/jwtText';
import { runs } from '../support/propsSetup';

// Buffer is only the reference implementation here; the module itself must not use it.
const ref = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const token = (header: object, payload: object, sig = 'c2ln') =>
  `${ref(JSON.stringify(header))}.${ref(JSON.stringify(payload))}.${sig}`;
const sample = token({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, { sub: 'alice', role: 'user', exp: 100 });

describe('base64url', () => {
  it('encodes known vectors without padding', () => {
    expect(base64urlEncode('')).toBe('');
    expect(base64urlEncode('f')).toBe('Zg');
    expect(base64urlEncode('fo')).toBe('Zm8');
    expect(base64urlEncode('foo')).toBe('Zm9v');
    expect(base64urlEncode('hello')).toBe('aGVsbG8');
    expect(bytesToBase64url(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
  });

  it('round-trips UTF-8 text', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'héllo wörld', '€ 😀 日本', '{"role":"admin"}']) {
      expect(base64urlEncode(s)).toBe(ref(s));
      expect(base64urlDecode(base64urlEncode(s))).toBe(s);
    }
  });

  it('rejects invalid input with null', () => {
    expect(base64urlDecode('a')).toBeNull(); // length % 4 === 1
    expect(base64urlDecode('ab+c')).toBeNull(); // '+' is plain base64, not base64url
    expect(base64urlDecode('ab=c')).toBeNull();
    expect(base64urlDecode('//8')).toBeNull();
    expect(base64urlDecode(bytesToBase64url(new Uint8Array([0xff, 0xfe])))).toBeNull(); // not UTF-8
  });

  it('matches Buffer for arbitrary bytes and text (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const b64 = bytesToBase64url(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlToBytes(b64)).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(base64urlEncode(s)).toBe(ref(s));
        expect(base64urlDecode(base64urlEncode(s))).toBe(s);
      }),
    );
  });
});

describe('byteLength', () => {
  it('counts UTF-8 bytes, not UTF-16 units', () => {
    expect(byteLength('')).toBe(0);
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('é')).toBe(2);
    expect(byteLength('€')).toBe(3);
    expect(byteLength('😀')).toBe(4);
    // Lone surrogates: TextEncoder writes U+FFFD (3 bytes) for each.
    for (const odd of ['\ud800', '\ud800\ud800', '\udc00\ud800', 'a\ud83d', '\ud83d\ude00\ude00']) expect(byteLength(odd)).toBe(new TextEncoder().encode(odd).length);
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => byteLength(s) === new TextEncoder().encode(s).length), { numRuns: runs(2_000) });
  });
});

describe('decodeJwtParts', () => {
  it('decodes header, payload and keeps the raw parts', () => {
    const d = decodeJwtParts(sample);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
    expect(d.payload).toEqual({ sub: 'alice', role: 'user', exp: 100 });
    expect(d.signature).toBe('c2ln');
    expect(d.parts.join('.')).toBe(sample);
  });

  it.each([
    ['', 'empty string'],
    ['a.b', 'two parts'],
    ['x.y.z', 'garbage parts'],
    ['a.b.c.d', 'four parts'],
    [`${ref('[1]')}.${ref('{}')}.s`, 'header is an array'],
    [`${ref('{}')}.${ref('null')}.s`, 'payload is null'],
    [`${ref('{}')}.${ref('{bad json')}.s`, 'payload is not JSON'],
    [`${ref('{}')}.${ref('{}')}x.s`, 'payload base64url is invalid'],
  ])('rejects %j (%s) with a sentence', (input) => {
    const d = decodeJwtParts(input);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.detail).toMatch(/^[A-Z].*\.$/);
  });

  it('never throws (property)', () => {
    const part = fc.oneof(fc.base64String(), fc.string(), fc.jsonValue().map((v) => ref(JSON.stringify(v))));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.array(part, { maxLength: 4 }).map((p) => p.join('.'))), (s) => {
        const d = decodeJwtParts(s);
        expect(typeof d.ok).toBe('boolean');
      }),
    );
  });
});

describe('tamperClaims and algNoneToken', () => {
  it('tamperClaims changes the payload and keeps header and signature', () => {
    const t = tamperClaims(sample, { role: 'admin' });
    const [h, , s] = t.split('.');
    const [h0, , s0] = sample.split('.');
    expect(h).toBe(h0);
    expect(s).toBe(s0);
    const d = decodeJwtParts(t);
    expect(d.ok && d.payload).toEqual({ sub: 'alice', role: 'admin', exp: 100 });
  });

  it('algNoneToken keeps the payload bytes and drops the signature', () => {
    const t = algNoneToken(sample);
    expect(t.endsWith('.')).toBe(true);
    expect(t.split('.')[1]).toBe(sample.split('.')[1]);
    const d = decodeJwtParts(t);
    expect(d.ok && d.header).toEqual({ alg: 'none', typ: 'JWT' });
    expect(d.ok && d.signature).toBe('');
  });

  it('returns undecodable tokens unchanged', () => {
    expect(tamperClaims('x.y.z', { role: 'admin' })).toBe('x.y.z');
    expect(algNoneToken('nope')).toBe('nope');
  });
});
