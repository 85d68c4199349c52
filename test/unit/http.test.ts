import { describe, expect, it } from 'vitest';
import { headerValues, parseCookieHeader, serializeRequest, serializeResponse } from '../../src/sim/http';

describe('HTTP text', () => {
  it('counts bytes of the real request text and the credential line apart', () => {
    const r = serializeRequest({ method: 'GET', path: '/api/profile', host: 'app.example', headers: [['Accept', 'application/json']], credentialHeader: ['Cookie', '__Host-sid=abc'], body: '' });
    expect(r.text).toBe('GET /api/profile HTTP/1.1\r\nHost: app.example\r\nAccept: application/json\r\nCookie: __Host-sid=abc\r\n\r\n');
    expect(r.bytes).toBe(r.text.length);
    expect(r.credentialBytes).toBe('Cookie: __Host-sid=abc\r\n'.length);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const r = serializeRequest({ method: 'POST', path: '/login', host: 'h', headers: [], credentialHeader: null, body: '{"u":"é"}' });
    expect(r.bytes).toBe(new TextEncoder().encode(r.text).length);
    expect(r.text).toContain('Content-Length: 10');
  });

  it('reads repeated Set-Cookie headers and cookie pairs back', () => {
    const text = serializeResponse(200, [['Set-Cookie', 'a=1; Path=/'], ['Set-Cookie', 'b=2']], '{}');
    expect(headerValues(text, 'set-cookie')).toEqual(['a=1; Path=/', 'b=2']);
    expect(parseCookieHeader('a=1; b=x=y')).toEqual({ a: '1', b: 'x=y' });
  });
});
