// What a page loads before its first paint, in gzipped bytes: the scripts its index.html names (the
// entry and its modulepreloads). Shared by `npm run bench -- bundle` and the bundle budget test.
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export function initialJsGzip(dir: string): number {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  // The tags only: the inline fit script names the link parser's file, which only a page with a link fetches.
  const tags = [...html.matchAll(/<script\b[^>]*>|<link\b[^>]*>/g)].map((m) => m[0]);
  const files = tags.flatMap((tag) => [...tag.matchAll(/\s(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!));
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f))).length, 0);
}

/** Builds one of the bench's reference pages (test/bench/<name>: the smallest React app, ...) into `outDir`. */
export async function buildReferencePage(name: string, outDir: string, withReact = true): Promise<string> {
  await build({ root: fileURLToPath(new URL(`../bench/${name}`, import.meta.url)), configFile: false, base: './', plugins: withReact ? [react()] : [], logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}
