// Real HTTP/1.1 text for every message a browser sends or receives: byte counts in the report
// are the UTF-8 length of exactly this text, never an estimate.

import { byteLength as utf8Bytes } from '../auth/jwtText';

/** UTF-8 length: what the text costs on the wire (one counter for the whole project). */
export { utf8Bytes };

const CRLF = '\r\n';

export interface HttpRequestParts {
  method: 'GET' | 'POST';
  path: string;
  host: string;
  /** Header name -> value; the credential header is named separately so its share can be counted. */
  headers: [string, string][];
  credentialHeader: [string, string] | null;
  body: string;
}

export interface SerializedRequest {
  text: string;
  bytes: number;
  /** Bytes of the header line that carries the credential ("Cookie: ...\r\n" or "Authorization: ...\r\n"). */
  credentialBytes: number;
}

export function serializeRequest(r: HttpRequestParts): SerializedRequest {
  const lines = [`${r.method} ${r.path} HTTP/1.1`, `Host: ${r.host}`];
  for (const [name, value] of r.headers) lines.push(`${name}: ${value}`);
  let credentialBytes = 0;
  if (r.credentialHeader) {
    const line = `${r.credentialHeader[0]}: ${r.credentialHeader[1]}`;
    lines.push(line);
    credentialBytes = utf8Bytes(line + CRLF);
  }
  if (r.body) lines.push('Content-Type: application/json', `Content-Length: ${utf8Bytes(r.body)}`);
  const text = lines.join(CRLF) + CRLF + CRLF + r.body;
  return { text, bytes: utf8Bytes(text), credentialBytes };
}

/** Reason phrases of the statuses the cluster answers with. */
export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  401: 'Unauthorized',
  403: 'Forbidden',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

export function serializeResponse(status: number, headers: [string, string][], body: string): string {
  const lines = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push('Content-Type: application/json', `Content-Length: ${utf8Bytes(body)}`);
  return lines.join(CRLF) + CRLF + CRLF + body;
}

/** Header values of a name (case-insensitive) in serialized HTTP text. Scans line by line: every server reads a request's headers. */
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

/** Cookie header value -> name/value pairs, as a server reads it. */
export function parseCookieHeader(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
