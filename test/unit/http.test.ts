import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACCEPT_JSON, cookieValue, firstRequestHeader, headerValues, parseCookieHeader, requestHeader, requestSize, requestText, responseHeader, responseSize, responseText, utf8Bytes, type HttpRequestParts, type HttpResponseParts } from '../../src/sim/http';
import { runs } from '../support/propsSetup';

const bytesOf = (text: string) => new TextEncoder().encode(text).length;

describe('HTTP text', () => {
  it('writes the real request text and counts its bytes, the credential line apart', () => {
    const r: HttpRequestParts = { method: 'GET', path: '/api/profile', host: 'app.example', headers: [['Accept', 'application/json']], credentialHeader: ['Cookie', '__Host-sid=abc'], body: '' };
    expect(requestText(r)).toBe('GET /api/profile HTTP/1.1\r\nHost: app.example\r\nAccept: application/json\r\nCookie: __Host-sid=abc\r\n\r\n');
    expect(requestSize(r)).toEqual({ bytes: requestText(r).length, headerBytes: requestText(r).length, credentialBytes: 'Cookie: __Host-sid=abc\r\n'.length });
  });

  it('counts UTF-8 bytes, not characters', () => {
    const r: HttpRequestParts = { method: 'POST', path: '/login', host: 'h', headers: [], credentialHeader: null, body: '{"u":"é"}' };
    expect(requestSize(r).bytes).toBe(bytesOf(requestText(r)));
    expect(requestText(r)).toContain('Content-Length: 10');
  });

  it('reads repeated Set-Cookie headers and cookie pairs back', () => {
    const r: HttpResponseParts = { status: 200, headers: [['Set-Cookie', 'a=1; Path=/'], ['Set-Cookie', 'b=2']], body: '{}' };
    expect(headerValues(responseText(r), 'set-cookie')).toEqual(['a=1; Path=/', 'b=2']);
    expect(responseHeader(r, 'set-cookie')).toEqual(['a=1; Path=/', 'b=2']);
    expect(parseCookieHeader('a=1; b=x=y')).toEqual({ a: '1', b: 'x=y' });
  });

  // Servers read the parts and the report counts bytes from them; the inspector shows the text. Any
  // difference between the two would be a byte count or a header nobody actually sent.
  const token = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((t) => !/[\r\n:]/.test(t) && t.trim() === t);
  const value = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((v) => !/[\r\n]/.test(v) && v.trim() === v);
  const header = fc.tuple(fc.oneof(token, fc.constantFrom('Cookie', 'Authorization', 'Accept', 'Set-Cookie', 'Host')), value);
  const request = fc.record<HttpRequestParts>({
    method: fc.constantFrom('GET', 'POST'),
    path: value.filter((p) => !p.includes(' ')),
    host: token,
    headers: fc.array(header, { maxLength: 4 }),
    credentialHeader: fc.option(header, { nil: null }),
    body: value,
  });
  const response = fc.record<HttpResponseParts>({ status: fc.constantFrom(200, 401, 403, 431, 503, 418), headers: fc.array(header, { maxLength: 4 }), body: value });
  const names = fc.constantFrom('cookie', 'AUTHORIZATION', 'accept', 'set-cookie', 'host', 'content-length', 'Content-Type', 'x');

  it('counts, for any request, exactly the bytes of the text it writes, and its headers read as the text does', () => {
    fc.assert(
      fc.property(request, names, (r, name) => {
        const text = requestText(r);
        const size = requestSize(r);
        expect(size.bytes).toBe(bytesOf(text));
        expect(size.headerBytes).toBe(bytesOf(text.slice(0, text.indexOf('\r\n\r\n') + 4)));
        expect(size.credentialBytes).toBe(r.credentialHeader ? utf8Bytes(`${r.credentialHeader[0]}: ${r.credentialHeader[1]}\r\n`) : 0);
        expect(requestHeader(r, name)).toEqual(headerValues(text, name));
        expect(firstRequestHeader(r, name)).toBe(headerValues(text, name)[0]);
      }),
      { numRuns: runs(1_000) },
    );
  });

  // A server reads the one cookie it wants without building the record of them all: it must read
  // what the record holds, whatever the header (spaces, empty names, '=' in values, repeats).
  it('reads one cookie of any Cookie header as the record of them all does', () => {
    const part = fc.oneof(
      fc.constantFrom('__Host-sid=abc', 'jwt=a.b.c', ' sid = x ', '=v', 'novalue', 'a=b=c', 'sid=', 'sid=2', ''),
      fc.string({ maxLength: 12 }),
    );
    const cookieHeader = fc.array(part, { maxLength: 6 }).chain((parts) => fc.constantFrom(parts.join('; '), parts.join(';')));
    fc.assert(
      fc.property(cookieHeader, fc.constantFrom('sid', '__Host-sid', 'jwt', 'a', 'x', ''), (h, name) => {
        const all = parseCookieHeader(h);
        const value = Object.hasOwn(all, name) ? all[name] : undefined;
        expect(cookieValue(h, name)).toBe(value);
        // Read again: from what was remembered of this text.
        expect(cookieValue(h, name)).toBe(value);
      }),
      { numRuns: runs(2_000) },
    );
  });

  it('reads the cookie a browser sends every request the same way, past what is remembered and in a long header', () => {
    // More distinct texts than are remembered (each browser's own), then the first again.
    for (let i = 0; i < 20_000; i++) expect(cookieValue(`sid=s${i}; lb=server-${i % 16}`, 'lb')).toBe(`server-${i % 16}`);
    expect(cookieValue('sid=s0; lb=server-0', 'sid')).toBe('s0');
    const long = `pad=${'x'.repeat(5_000)}; sid=last`;
    expect(cookieValue(long, 'sid')).toBe('last');
    expect(cookieValue(long + '; sid=later', 'sid')).toBe('later');
  });

  it('counts a repeated path and host, and the shared Accept pair, as the text does', () => {
    const base: HttpRequestParts = { method: 'GET', path: '/caf\u00e9', host: 'h\u00f6st.example', headers: [ACCEPT_JSON], credentialHeader: null, body: '' };
    const others: HttpRequestParts[] = [base, { ...base, path: '/cafe', host: 'host.example' }, { ...base, headers: [['Accept', 'text/\u00e9']] }, base, { ...base, path: '/caf\u00e9\u00e9' }, base];
    for (const r of others) expect(requestSize(r).bytes).toBe(bytesOf(requestText(r)));
  });

  it('reads header names case-insensitively as lower-casing them would, outside ASCII too', () => {
    const r: HttpRequestParts = { method: 'GET', path: '/', host: 'h', headers: [['COOKIE', 'a=1'], ['\u212Aey', 'kelvin'], ['Acc\u00e9pt', 'x'], ['cookie', 'b=2']], credentialHeader: ['AuThOrIzAtIoN', 'Bearer t'], body: '' };
    const text = requestText(r);
    for (const name of ['cookie', 'Cookie', 'key', 'KEY', 'authorization', 'accept', 'acc\u00e9pt', 'cookiE', 'cookiex', 'cooki']) {
      expect(requestHeader(r, name)).toEqual(headerValues(text, name));
      expect(firstRequestHeader(r, name)).toBe(headerValues(text, name)[0]);
    }
    expect(firstRequestHeader(r, 'key')).toBe('kelvin');
    expect(firstRequestHeader(r, 'authorization')).toBe('Bearer t');
  });

  it('counts a response from the body bytes its caller knows', () => {
    const r: HttpResponseParts = { status: 200, headers: [], body: '{"user":"\u00e9"}' };
    expect(responseSize(r, utf8Bytes(r.body))).toBe(responseSize(r));
    expect(responseSize(r, utf8Bytes(r.body))).toBe(bytesOf(responseText(r)));
  });

  it('does the same for any response', () => {
    fc.assert(
      fc.property(response, names, (r, name) => {
        const text = responseText(r);
        expect(responseSize(r)).toBe(bytesOf(text));
        expect(responseHeader(r, name)).toEqual(headerValues(text, name));
      }),
      { numRuns: runs(1_000) },
    );
  });
});
