// A SCORM 1.2 package from a static build: imsmanifest.xml at the zip root next to every file of
// the build, unchanged. Reads the disk, writes nothing: the CLI (scripts/packageScorm.ts) saves it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable, type ZipOptions } from 'fflate';
import { MANIFEST_FILE, SCHEMA_FILES, scormManifest } from './manifest';

export const DEFAULT_IDENTIFIER = 'auth-cluster-sim';
export const DEFAULT_TITLE = 'Sessions vs JWT: an authentication cluster simulator';
export const LAUNCH = 'index.html';

/** A problem with what the packager was given (a missing folder or file): the CLI exits 2. */
export class ScormInputError extends Error {
  override name = 'ScormInputError';
}

export interface PackageOptions {
  identifier?: string;
  title?: string;
  version?: string;
  /** A folder holding SCHEMA_FILES: they go to the zip root and the manifest names them. */
  schemaDir?: string;
  /** Every entry's timestamp, so the same build zips to the same bytes. */
  mtime?: Date;
}

export interface ScormPackage {
  zip: Uint8Array;
  manifest: string;
  /** The build's files as listed in the manifest (the zip also holds imsmanifest.xml and any schemas). */
  files: string[];
}

/** Fixed so that rebuilding the same dist gives the same zip (DOS dates start in 1980). */
const FIXED_MTIME = new Date(2000, 0, 1);

/** Already compressed: deflating them again costs time and saves nothing. */
const STORED = /\.(png|jpe?g|gif|webp|avif|woff2?|gz|br|zip|mp4|webm)$/i;

/** Every regular file under `dir`, relative, with forward slashes, in a stable order. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const childAbs = join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      // statSync follows symlinks: a linked file or folder is packaged as what it points to.
      const stat = statSync(childAbs);
      if (stat.isDirectory()) walk(childAbs, childRel);
      else if (stat.isFile()) out.push(childRel);
    }
  };
  walk(dir, '');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Zips `distDir` (a finished static build) with a SCORM 1.2 manifest. */
export function packageScorm(distDir: string, options: PackageOptions = {}): ScormPackage {
  const { identifier = DEFAULT_IDENTIFIER, title = DEFAULT_TITLE, version, schemaDir, mtime = FIXED_MTIME } = options;
  if (!existsSync(distDir) || !statSync(distDir).isDirectory()) {
    throw new ScormInputError(`no build folder at ${distDir} (run vite build first, or pass --dist <folder>)`);
  }
  if (!existsSync(join(distDir, LAUNCH)) || !statSync(join(distDir, LAUNCH)).isFile()) {
    throw new ScormInputError(`${join(distDir, LAUNCH)} is missing: ${distDir} is not a finished build`);
  }
  const files = listFiles(distDir);
  if (files.includes(MANIFEST_FILE)) throw new ScormInputError(`${distDir} already has an ${MANIFEST_FILE}; the packager writes its own`);

  const schemas: Record<string, Uint8Array> = {};
  if (schemaDir !== undefined) {
    for (const name of SCHEMA_FILES) {
      const path = join(schemaDir, name);
      if (!existsSync(path)) throw new ScormInputError(`${path} is missing: --schemas needs ${SCHEMA_FILES.join(', ')}`);
      if (files.includes(name)) throw new ScormInputError(`${distDir} already has a file named ${name}`);
      schemas[name] = readFileSync(path);
    }
  }

  const manifest = scormManifest({
    identifier,
    title,
    files,
    launch: LAUNCH,
    schemaLocation: schemaDir !== undefined,
    ...(version === undefined ? {} : { version }),
  });

  const entry = (name: string, data: Uint8Array): [Uint8Array, ZipOptions] => [data, { mtime, level: STORED.test(name) ? 0 : 9 }];
  // The manifest first: tools that peek at a zip's first entries find it at once.
  const zippable: Zippable = { [MANIFEST_FILE]: entry(MANIFEST_FILE, new TextEncoder().encode(manifest)) };
  for (const [name, data] of Object.entries(schemas)) zippable[name] = entry(name, data);
  for (const file of files) zippable[file] = entry(file, readFileSync(join(distDir, ...file.split('/'))));

  return { zip: zipSync(zippable), manifest, files };
}
