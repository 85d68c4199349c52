// Real HTTP/1.1 messages for every request a browser sends and every answer it gets. A message is
// kept as its parts (the request line's pieces, the headers in wire order, the body) and written out
// as text only where someone looks (the inspector). Servers read the headers from the parts, as a
// parser would from the text, and byte counts are the UTF-8 length of exactly the text the parts
// write, added up piece by piece (test/unit/http.test.ts holds the two equal, for any parts).

import { byteLength as utf8Bytes } from '../auth/jwtText';
import { Remembered } from './remembered';

/** UTF-8 length: what the text costs on the wire (one counter for the whole project). */
export { utf8Bytes };

const CRLF = '\r\n';
const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
/** "Accept: application/json": one pair for every request a browser sends (nothing writes into a request's header pairs). */
export const ACCEPT_JSON: [string, string] = ['Accept', 'application/json'];

export interface HttpRequestParts {
  method: 'GET' | 'POST';
  path: string;
  host: string;
  /** Headers in wire order; the credential header is named separately so its share can be counted. */
  headers: [string, string][];
  credentialHeader: [string, string] | null;
  body: string;
}

export interface HttpResponseParts {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface RequestSize {
  bytes: number;
  /** Bytes of the request line and headers, up to and including the blank line: what a server's header limit counts. */
  headerBytes: number;
  /** Bytes of the header line that carries the credential ("Cookie: ...\r\n" or "Authorization: ...\r\n"). */
  credentialBytes: number;
}

/** Reason phrases of the statuses the cluster answers with. */
export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  401: 'Unauthorized',
  403: 'Forbidden',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

const requestLine = (r: HttpRequestParts): string => `${r.method} ${r.path} HTTP/1.1`;
const statusLine = (status: number): string => `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`;
const lineBytes = ([name, value]: [string, string]): number => utf8Bytes(name) + 2 + utf8Bytes(value) + 2;

/**
 * Byte counts of credential lines, by the line's pair: a browser sends the same line (a bearer line
 * of ~400 characters, one pair kept per client and token; a Cookie line, one pair per text) with
 * every request. Weak, so nothing outlives its requests.
 */
const credentialLines = new WeakMap<[string, string], number>();

function credentialLineBytes(header: [string, string]): number {
  let bytes = credentialLines.get(header);
  if (bytes === undefined) credentialLines.set(header, (bytes = lineBytes(header)));
  return bytes;
}

/** "Content-Length: N": the body's byte count, in decimal. */
const contentLength = (bodyBytes: number): [string, string] => ['Content-Length', String(bodyBytes)];

/** Every header of a request in the order it goes on the wire, Host first. */
function requestHeaders(r: HttpRequestParts): [string, string][] {
  const all: [string, string][] = [['Host', r.host], ...r.headers];
  if (r.credentialHeader) all.push(r.credentialHeader);
  if (r.body) all.push(JSON_TYPE, contentLength(utf8Bytes(r.body)));
  return all;
}

function responseHeaders(r: HttpResponseParts): [string, string][] {
  return [...r.headers, JSON_TYPE, contentLength(utf8Bytes(r.body))];
}

const writeOut = (firstLine: string, headers: [string, string][], body: string): string =>
  [firstLine, ...headers.map(([name, value]) => `${name}: ${value}`)].join(CRLF) + CRLF + CRLF + body;

export const requestText = (r: HttpRequestParts): string => writeOut(requestLine(r), requestHeaders(r), r.body);

export const responseText = (r: HttpResponseParts): string => writeOut(statusLine(r.status), responseHeaders(r), r.body);

// The lines every message has, counted once or by arithmetic: sizes are taken for every request and
// answer, and writing the pieces out to count them was a tenth of the engine's garbage.
const JSON_TYPE_BYTES = lineBytes(JSON_TYPE);
const ACCEPT_JSON_BYTES = lineBytes(ACCEPT_JSON);

/**
 * `utf8Bytes`, remembering the last text it counted: a request's path and host are the same
 * string, request after request, so they are counted once (a string compares equal to itself at once).
 */
function lastBytesOf(): (text: string) => number {
  let last = '';
  let bytes = 0;
  return (text) => (text === last ? bytes : ((last = text), (bytes = utf8Bytes(text))));
}
const pathBytes = lastBytesOf();
const hostBytes = lastBytesOf();
/** "HTTP/1.1" after the request line's method and path, each after a space. */
const REQUEST_LINE_TAIL_BYTES = ' '.length + ' HTTP/1.1'.length;
/** "Host: " and "\r\n" around the host. */
const HOST_LINE_BYTES = 'Host: '.length + 2;

/** Digits of a byte count (a whole number from 0), as String would write it. */
function digits(n: number): number {
  let count = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) count++;
  return count;
}

/** `lineBytes(contentLength(bodyBytes))`, without writing the line. */
const contentLengthBytes = (bodyBytes: number): number => 'Content-Length: '.length + digits(bodyBytes) + 2;

const statusLines = new Map<number, number>();
/** `utf8Bytes(statusLine(status))`, counted once per status. */
function statusLineBytes(status: number): number {
  let bytes = statusLines.get(status);
  if (bytes === undefined) statusLines.set(status, (bytes = utf8Bytes(statusLine(status))));
  return bytes;
}

/** The byte counts of `requestText(r)`, without writing it. */
export function requestSize(r: HttpRequestParts): RequestSize {
  const bodyBytes = r.body ? utf8Bytes(r.body) : 0;
  // The request line's pieces are joined by spaces, so their UTF-8 lengths add up.
  let headerBytes = utf8Bytes(r.method) + pathBytes(r.path) + REQUEST_LINE_TAIL_BYTES + 2 + HOST_LINE_BYTES + hostBytes(r.host);
  for (const header of r.headers) headerBytes += header === ACCEPT_JSON ? ACCEPT_JSON_BYTES : lineBytes(header);
  const credentialBytes = r.credentialHeader ? credentialLineBytes(r.credentialHeader) : 0;
  headerBytes += credentialBytes;
  if (r.body) headerBytes += JSON_TYPE_BYTES + contentLengthBytes(bodyBytes);
  headerBytes += 2;
  return { bytes: headerBytes + bodyBytes, headerBytes, credentialBytes };
}

/** The byte count of `responseText(r)`, without writing it (`bodyBytes`: the body's, when the caller knows it). */
export function responseSize(r: HttpResponseParts, bodyBytes = utf8Bytes(r.body)): number {
  let bytes = statusLineBytes(r.status) + 2 + JSON_TYPE_BYTES + contentLengthBytes(bodyBytes) + 2 + bodyBytes;
  for (const header of r.headers) bytes += lineBytes(header);
  return bytes;
}

/**
 * A header's name is `wanted` (lower case), case-insensitively: `name.toLowerCase() === wanted` for
 * names of wanted's length. Compared letter by letter while they are ASCII (servers ask on every
 * request, and lower-casing made a string each time); a character outside ASCII asks toLowerCase.
 */
function isNamed(name: string, wanted: string): boolean {
  if (name.length !== wanted.length) return false;
  for (let i = 0; i < name.length; i++) {
    let unit = name.charCodeAt(i);
    if (unit >= 0x80) return name.toLowerCase() === wanted;
    if (unit >= 0x41 && unit <= 0x5a) unit += 0x20;
    if (unit !== wanted.charCodeAt(i)) return false;
  }
  return true;
}

function named(headers: [string, string][], wanted: string, into: string[] = []): string[] {
  for (const [name, value] of headers) if (isNamed(name, wanted)) into.push(value.trim());
  return into;
}

/** Headers a message's parts hold as they are; the rest (Host, Content-Type, Content-Length) are written from the other parts. */
const isWrittenOut = (wanted: string): boolean => wanted === 'host' || wanted === 'content-type' || wanted === 'content-length';

/** A request's header values of a name (case-insensitive), as a server parsing its text would read them. */
export function requestHeader(r: HttpRequestParts, name: string): string[] {
  const wanted = name.toLowerCase();
  if (isWrittenOut(wanted)) return named(requestHeaders(r), wanted);
  // The hot path (servers and the balancer read Cookie and Authorization on every request): no list of every header.
  const values = named(r.headers, wanted);
  return r.credentialHeader ? named([r.credentialHeader], wanted, values) : values;
}

/** `requestHeader(r, name)[0]` without a list: servers read Cookie or Authorization on every request. */
export function firstRequestHeader(r: HttpRequestParts, name: string): string | undefined {
  const wanted = name.toLowerCase();
  if (isWrittenOut(wanted)) return requestHeader(r, wanted)[0];
  for (const [name, value] of r.headers) if (isNamed(name, wanted)) return value.trim();
  const credential = r.credentialHeader;
  return credential && isNamed(credential[0], wanted) ? credential[1].trim() : undefined;
}

/** A response's header values of a name (case-insensitive), as a browser would read them. */
export function responseHeader(r: HttpResponseParts, name: string): string[] {
  const wanted = name.toLowerCase();
  return named(isWrittenOut(wanted) ? responseHeaders(r) : r.headers, wanted);
}

/** Header values of a name (case-insensitive) in serialized HTTP text: what the inspector reads from what it shows. */
export function headerValues(text: string, name: string): string[] {
  const end = text.indexOf(CRLF + CRLF);
  const head = end < 0 ? text : text.slice(0, end);
  const wanted = name.toLowerCase() + ':';
  const values: string[] = [];
  // The first line is the request or status line, never a header.
  for (let at = head.indexOf(CRLF); at >= 0; ) {
    const next = head.indexOf(CRLF, at + 2);
    const line = head.slice(at + 2, next < 0 ? head.length : next);
    if (line.slice(0, wanted.length).toLowerCase() === wanted) values.push(line.slice(wanted.length).trim());
    at = next;
  }
  return values;
}

export function bodyOf(text: string): string {
  const at = text.indexOf(CRLF + CRLF);
  return at < 0 ? '' : text.slice(at + 4);
}

/**
 * Values read, by cookie name, then by header text: a browser sends the same Cookie text (the same
 * string, cookies.ts) with every request, and the browser, the balancer and the server each read
 * it. The same value string each time, too, so the store's lookup by it is found at once.
 */
const cookieValues = new Map<string, Remembered<string | undefined>>();
/**
 * Longer texts are read each time. A JWT cookie (~500 characters) is remembered: a lab row of
 * 10,000 users keeps ~5 MB per name read; the bound is 16,384 texts of 2 KB, 32 MB per name.
 */
const REMEMBERED_TEXT_MAX = 2_048;

/**
 * `parseCookieHeader(header)[name]`, without building the record: a server reads one cookie of
 * each request (the last of that name wins, as in the record).
 */
export function cookieValue(header: string, name: string): string | undefined {
  let byHeader = cookieValues.get(name);
  if (byHeader === undefined) cookieValues.set(name, (byHeader = new Remembered((text) => readCookie(text, name), undefined, REMEMBERED_TEXT_MAX)));
  return byHeader.of(header);
}

function readCookie(header: string, name: string): string | undefined {
  let found: string | undefined;
  for (let start = 0; start <= header.length; ) {
    let end = header.indexOf(';', start);
    if (end < 0) end = header.length;
    const eq = header.indexOf('=', start);
    if (eq > start && eq < end && header.slice(start, eq).trim() === name) found = header.slice(eq + 1, end).trim();
    start = end + 1;
  }
  return found;
}

export function parseCookieHeader(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
