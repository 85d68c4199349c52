import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { minify } from 'rolldown/utils';
import type { Plugin } from 'vite';

/**
 * The plain scripts index.html loads from public/ (`registerSW.js`: an external file, as the CSP
 * allows no inline script but the one it names by hash) are copied as written, comments and all. Build only:
 * the copies in the output are minified, after they are written and before the service worker's
 * precache list (vite-plugin-pwa, closeBundle) hashes them. The sources stay readable.
 */
export function minifyPublicScripts(files: readonly string[]): Plugin {
  let outDir = 'dist';
  return {
    name: 'app:minify-public-scripts',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      for (const file of files) {
        const path = join(outDir, file);
        const { code, errors } = await minify(file, await readFile(path, 'utf8'), { compress: { target: 'es2022' }, mangle: true });
        if (errors.length) throw new Error(`minify ${file}: ${errors.map((e) => e.message).join('; ')}`);
        await writeFile(path, code);
      }
    },
  };
}
