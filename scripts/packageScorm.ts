// `npm run package:scorm`: zips a finished static build as a SCORM 1.2 package that an LMS
// (Moodle, Canvas, Blackboard) imports as an activity. Builds nothing itself.
//
//   tsx scripts/packageScorm.ts [--dist <folder>] [--out <file.zip>] [--schemas <folder>]
//
// --dist     the build to package (default dist)
// --out      where to write the zip (default release/auth-sim-scorm.zip)
// --schemas  a folder with imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd and ims_xml.xsd: shipped at
//            the zip root and named in xsi:schemaLocation (ADL's conformance suite wants them;
//            LMSs import the package without them)
// Exit 0 written, 2 bad input (one line on stderr), 1 anything else.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILES } from './scorm/manifest';
import { packageScorm, ScormInputError } from './scorm/package';

export const DEFAULT_DIST = 'dist';
export const DEFAULT_OUT = 'release/auth-sim-scorm.zip';

export interface CliArgs {
  dist: string;
  out: string;
  schemas?: string;
}

export type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; error: string };

const USAGE = 'usage: packageScorm [--dist <folder>] [--out <file.zip>] [--schemas <folder>]';

/** Reads `--flag value` and `--flag=value`; anything else is refused with a one-line reason. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const args: CliArgs = { dist: DEFAULT_DIST, out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    if (flag !== '--dist' && flag !== '--out' && flag !== '--schemas') return { ok: false, error: `unknown argument ${JSON.stringify(raw)}; ${USAGE}` };
    const value = flag !== raw ? raw.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (flag === raw && value.startsWith('--'))) return { ok: false, error: `${flag} needs a value; ${USAGE}` };
    if (flag === '--dist') args.dist = value;
    else if (flag === '--out') args.out = value;
    else args.schemas = value;
  }
  return { ok: true, args };
}

export interface Io {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const processIo: Io = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/** The package's version, for manifest@version; none if package.json cannot be read. */
function packageVersion(): string | undefined {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' && version.length > 0 && version.length <= 20 ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the packager; returns the exit code. Relative paths are taken from the current folder. */
export function main(argv: readonly string[], io: Io = processIo): number {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.stderr(`package:scorm: ${parsed.error}`);
    return 2;
  }
  const { dist, out, schemas } = parsed.args;
  try {
    const version = packageVersion();
    const pkg = packageScorm(dist, { ...(version === undefined ? {} : { version }), ...(schemas === undefined ? {} : { schemaDir: schemas }) });
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, pkg.zip);
    const entries = pkg.files.length + 1 + (schemas === undefined ? 0 : SCHEMA_FILES.length);
    io.stdout(`package:scorm: wrote ${out} (${entries} entries: imsmanifest.xml + ${pkg.files.length} build files${schemas === undefined ? '' : ` + ${SCHEMA_FILES.length} schemas`}, ${(pkg.zip.length / 1024).toFixed(1)} KiB)`);
    return 0;
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
    io.stderr(`package:scorm: ${message}`);
    return err instanceof ScormInputError ? 2 : 1;
  }
}

// Run only as a script (tsx scripts/packageScorm.ts), not when a test imports main().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
