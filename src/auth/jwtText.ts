// Pure JWT text helpers for the simulation core and the UI: no jose, no Buffer, no crypto,
// so the same code gives the same bytes in Node and in browsers.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map<string, number>([...ALPHABET].map((ch, i) => [ch, i]));
const encoder = new TextEncoder();
// fatal: invalid UTF-8 must be reported, not silently turned into U+FFFD.
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Unpadded base64url (RFC 4648 §5) of raw bytes. */
export function bytesToBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** Bytes of an unpadded base64url string, or null if it is not valid base64url. */
export function base64urlToBytes(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null; // one leftover char cannot hold a whole byte
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let j = 0;
  for (const ch of text) {
    const v = LOOKUP.get(ch);
    if (v === undefined) return null;
    buffer = ((buffer << 6) | v) & 0xfff; // at most 12 bits are ever pending
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** base64url of the UTF-8 bytes of `text`. */
export function base64urlEncode(text: string): string {
  return bytesToBase64url(encoder.encode(text));
}

/** UTF-8 text behind a base64url string, or null if either layer is invalid. */
export function base64urlDecode(b64: string): string | null {
  const bytes = base64urlToBytes(b64);
  if (bytes === null) return null;
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** A character outside ASCII: without one, UTF-8 takes one byte per character (tokens, most headers), and the native regex check costs half the loop. */
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * UTF-8 size in bytes: what the text costs on the wire (headers, cookies). Counted from the UTF-16
 * units, as TextEncoder would encode them (a lone surrogate becomes U+FFFD, 3 bytes), without
 * allocating the encoding: every request is counted, so this runs on the engine's hot path.
 */
export function byteLength(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point above U+FFFF
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export type DecodedJwt =
  | {
      ok: true;
      header: Record<string, unknown>;
      payload: Record<string, unknown>;
      signature: string;
      parts: [string, string, string];
    }
  | { ok: false; detail: string };

function decodeJsonObject(part: string, name: string): Record<string, unknown> | string {
  const text = base64urlDecode(part);
  if (text === null) return `The ${name} is not valid base64url text.`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `The ${name} is not valid JSON.`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `The ${name} is not a JSON object.`;
  }
  return value as Record<string, unknown>;
}

/** Splits and decodes a compact JWT WITHOUT checking its signature. Never throws. */
export function decodeJwtParts(token: string): DecodedJwt {
  const split = token.split('.');
  if (split.length !== 3) {
    return { ok: false, detail: `A JWT has 3 parts separated by dots, this one has ${split.length}.` };
  }
  const parts = split as [string, string, string];
  const header = decodeJsonObject(parts[0], 'header');
  if (typeof header === 'string') return { ok: false, detail: header };
  const payload = decodeJsonObject(parts[1], 'payload');
  if (typeof payload === 'string') return { ok: false, detail: payload };
  return { ok: true, header, payload, signature: parts[2], parts };
}

/** What a server reads from a token before checking it (null: not readable): its jti, and the algorithm its header names. */
export interface PeekedToken {
  jti: string | null;
  alg: string | null;
  kid: string | null;
}

/** Recently peeked tokens: a user sends the same token with every request until it is refreshed. */
const peeked = new Map<string, PeekedToken>();
/** More than the most clients a run may have (10,000): each sends its own token, and a memo smaller than that churned. */
const PEEK_MEMO_MAX = 16_384;

/**
 * The jti a token's payload claims and the alg and kid its header names, unchecked: what a server notes
 * before the signature check. A pure function of the text, remembered for recent tokens (bounded).
 */
export function peekToken(token: string): PeekedToken {
  const known = peeked.get(token);
  if (known !== undefined) return known;
  const parts = decodeJwtParts(token);
  const read = (value: unknown) => (parts.ok && typeof value === 'string' ? value : null);
  const peek = { jti: read(parts.ok && parts.payload.jti), alg: read(parts.ok && parts.header.alg), kid: read(parts.ok && parts.header.kid) };
  if (peeked.size >= PEEK_MEMO_MAX) peeked.clear();
  peeked.set(token, peek);
  return peek;
}

/**
 * What a user who edits the payload produces: new claims, old header and old signature.
 * A token that cannot be decoded is returned unchanged.
 */
export function tamperClaims(token: string, patch: Record<string, unknown>): string {
  const d = decodeJwtParts(token);
  if (!d.ok) return token;
  const payload = base64urlEncode(JSON.stringify({ ...d.payload, ...patch }));
  return `${d.parts[0]}.${payload}.${d.parts[2]}`;
}

/**
 * The classic "alg: none" attack: same payload bytes, unsigned header, empty signature.
 * A token that cannot be decoded is returned unchanged.
 */
export function algNoneToken(token: string): string {
  const d = decodeJwtParts(token);
  if (!d.ok) return token;
  return `${base64urlEncode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${d.parts[1]}.`;
}
