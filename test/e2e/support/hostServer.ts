// A course site for the embed tests: the built app under a sub-path (/course/sim/), as a teacher
// would publish it, next to host pages the test writes. Plain node:http, no dependencies.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain',
};

export interface HostServer {
  origin: string;
  /** Where the app lives, e.g. http://127.0.0.1:PORT/course/sim/ */
  appUrl: string;
  /** Serves `html` at `path` (e.g. '/course/lesson.html'); returns its URL. */
  page(path: string, html: string): string;
  /** Serves any other file the host page needs (an LMS's run-time script). */
  asset(path: string, body: string | Buffer, type: string): string;
  /** Requests answered 404 (an asset the sub-path broke). */
  missing: string[];
  close(): Promise<void>;
}

export async function startHostServer({ dist = 'dist', mount = '/course/sim/', host = '127.0.0.1' } = {}): Promise<HostServer> {
  const root = resolve(dist);
  const pages = new Map<string, { body: string | Buffer; type: string }>();
  const missing: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' });
      res.end(page.body);
      return;
    }
    if (path.startsWith(mount)) {
      let file = normalize(join(root, path.slice(mount.length)));
      if (file.startsWith(root)) {
        try {
          if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
          const body = await readFile(file);
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(body);
          return;
        } catch {
          // fall through to 404
        }
      }
    }
    missing.push(path);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    appUrl: `${origin}${mount}`,
    page(path, html) {
      pages.set(path, { body: html, type: TYPES['.html']! });
      return `${origin}${path}`;
    },
    asset(path, body, type) {
      pages.set(path, { body, type });
      return `${origin}${path}`;
    },
    missing,
    // close() alone waits for every socket to end, and Chromium keeps a preconnected one that
    // never sends a request: Node drops it only at its headers timeout (60 s), past a test's time.
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
