// The SCORM 1.2 packager (scripts/packageScorm.ts): a fixture build is zipped, unzipped again
// and its imsmanifest.xml checked against what SCORM 1.2 (IMS CP 1.1.2 + ADL) requires of a
// single-SCO package, the way an LMS reads it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, parseArgs } from '../../scripts/packageScorm';
import { ADLCP_NS, IMSCP_NS, MANIFEST_FILE, SCHEMA_FILES, scormManifest } from '../../scripts/scorm/manifest';
import { DEFAULT_TITLE, packageScorm, ScormInputError } from '../../scripts/scorm/package';

const WEIRD = 'assets/media/R&D "notes" <v1>.txt';
const FIXTURE: Record<string, string> = {
  'index.html': '<!doctype html><title>sim</title><script type="module" src="./assets/app.js"></script>',
  'assets/app.js': 'console.log("hi");',
  'assets/icon.png': '\x89PNG not really',
  [WEIRD]: 'escaping test',
  'sw.js': 'self.addEventListener("fetch", () => {});',
};

let root: string;
let dist: string;

function write(dir: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, ...rel.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'scorm-test-'));
  dist = join(root, 'dist');
  write(dist, FIXTURE);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Attrs {
  [name: `@_${string}`]: string;
}
type Node = Attrs & Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => ['organization', 'item', 'resource', 'file'].includes(name),
});

function readPackage(zip: Uint8Array) {
  const entries = unzipSync(zip);
  const xml = new TextDecoder().decode(entries[MANIFEST_FILE]);
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { manifest: Node };
  return { entries, xml, manifest: doc.manifest };
}

/** The checks an LMS import makes, and the ones SCORM 1.2 CAM requires of a single SCO. */
function expectScorm12(zip: Uint8Array) {
  const { entries, manifest } = readPackage(zip);
  const names = Object.keys(entries);

  expect(manifest['@_identifier']).toMatch(/^[A-Za-z_][A-Za-z0-9._-]*$/);
  expect(manifest['@_xmlns']).toBe(IMSCP_NS);
  expect(manifest['@_xmlns:adlcp']).toBe(ADLCP_NS);
  expect(IMSCP_NS).toBe('http://www.imsproject.org/xsd/imscp_rootv1p1p2');
  expect(ADLCP_NS).toBe('http://www.adlnet.org/xsd/adlcp_rootv1p2');

  const metadata = manifest.metadata as Node;
  expect(metadata.schema).toBe('ADL SCORM');
  expect(metadata.schemaversion).toBe('1.2');

  const organizations = manifest.organizations as Node & { organization: Node[] };
  const org = organizations.organization.find((o) => o['@_identifier'] === organizations['@_default']);
  expect(org, 'organizations@default names an organization').toBeDefined();
  expect(org!.title).toBe(DEFAULT_TITLE);
  const items = org!.item as Node[];
  expect(items).toHaveLength(1);
  const item = items[0]!;
  expect(item.title).toBeTruthy();
  expect(item['@_isvisible']).toBe('true');

  const resources = (manifest.resources as { resource: Node[] }).resource;
  const resource = resources.find((r) => r['@_identifier'] === item['@_identifierref']);
  expect(resource, 'item@identifierref names a resource').toBeDefined();
  expect(resource!['@_type']).toBe('webcontent');
  expect(resource!['@_adlcp:scormtype']).toBe('sco');
  expect(resource!['@_href']).toBe('index.html');
  expect(names).toContain(resource!['@_href']);

  const hrefs = (resource!.file as Node[]).map((f) => f['@_href']);
  expect(new Set(hrefs).size).toBe(hrefs.length);
  for (const href of hrefs) expect(names, `<file href="${href}"> is in the zip`).toContain(href);
  for (const name of names) {
    if (name === MANIFEST_FILE || name.endsWith('.xsd')) continue;
    expect(hrefs, `${name} is listed as a <file>`).toContain(name);
  }
  expect(names).toContain(MANIFEST_FILE); // at the root, not in a folder
  return { entries, manifest, hrefs };
}

describe('SCORM 1.2 package', () => {
  it('has a valid single-SCO manifest listing exactly the build', () => {
    const pkg = packageScorm(dist, { version: '0.1.0' });
    const { entries, manifest, hrefs } = expectScorm12(pkg.zip);
    expect(manifest['@_version']).toBe('0.1.0');
    expect(hrefs.sort()).toEqual(Object.keys(FIXTURE).sort());
    for (const [rel, text] of Object.entries(FIXTURE)) expect(new TextDecoder().decode(entries[rel])).toBe(text);
    // Without shipped schemas the manifest points at none.
    expect(manifest['@_xsi:schemaLocation']).toBeUndefined();
    expect(Object.keys(entries).filter((n) => n.endsWith('.xsd'))).toEqual([]);
    // No mastery score: the score is a count of predictions, not a pass mark.
    const item = ((manifest.organizations as { organization: Node[] }).organization[0]!.item as Node[])[0]!;
    expect(Object.keys(item)).not.toContain('adlcp:masteryscore');
  });

  it('escapes file names in the XML and keeps them verbatim in the zip', () => {
    const { xml, entries } = readPackage(packageScorm(dist).zip);
    expect(xml).toContain('<file href="assets/media/R&amp;D &quot;notes&quot; &lt;v1&gt;.txt"/>');
    expect(entries[WEIRD]).toBeDefined();
  });

  it('ships the schemas and names them in xsi:schemaLocation when given --schemas', () => {
    const schemaDir = join(root, 'xsd');
    write(schemaDir, Object.fromEntries(SCHEMA_FILES.map((n) => [n, `<xsd:schema/><!-- ${n} -->`])));
    const { entries, manifest } = expectScorm12(packageScorm(dist, { schemaDir }).zip);
    const location = manifest['@_xsi:schemaLocation']!.trim().split(/\s+/);
    expect(location.length % 2).toBe(0);
    const pairs = new Map<string, string>();
    for (let i = 0; i < location.length; i += 2) pairs.set(location[i]!, location[i + 1]!);
    expect(pairs.get(IMSCP_NS)).toBe('imscp_rootv1p1p2.xsd');
    expect(pairs.get(ADLCP_NS)).toBe('adlcp_rootv1p2.xsd');
    for (const file of pairs.values()) expect(entries[file]).toBeDefined();
    for (const n of SCHEMA_FILES) expect(entries[n]).toBeDefined();
  });

  it('zips the same build to the same bytes', () => {
    expect(packageScorm(dist).zip).toEqual(packageScorm(dist).zip);
  });

  it('refuses a missing build or one without index.html', () => {
    expect(() => packageScorm(join(root, 'nope'))).toThrow(ScormInputError);
    const noIndex = join(root, 'no-index');
    write(noIndex, { 'assets/app.js': '' });
    expect(() => packageScorm(noIndex)).toThrow(/index\.html is missing/);
  });

  it('refuses manifests that would be invalid', () => {
    const base = { identifier: 'x', title: 't', files: ['index.html'], launch: 'index.html' };
    expect(() => scormManifest({ ...base, identifier: '1 bad' })).toThrow(/NCName/);
    expect(() => scormManifest({ ...base, launch: 'other.html' })).toThrow(/launch/);
    expect(() => scormManifest({ ...base, files: ['index.html', '../up.js'] })).toThrow(/relative path/);
    expect(() => scormManifest({ ...base, files: ['index.html', 'a\\b.js'] })).toThrow(/forward slashes/);
    expect(() => scormManifest({ ...base, masteryScore: 101 })).toThrow(/masteryScore/);
    expect(scormManifest({ ...base, masteryScore: 80 })).toContain('<adlcp:masteryscore>80</adlcp:masteryscore>');
  });
});

describe('packageScorm CLI', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) }, out, err };
  };

  it('reads its flags', () => {
    expect(parseArgs([])).toEqual({ ok: true, args: { dist: 'dist', out: 'release/auth-sim-scorm.zip' } });
    expect(parseArgs(['--dist', 'a', '--out=b.zip', '--schemas', 'x'])).toEqual({ ok: true, args: { dist: 'a', out: 'b.zip', schemas: 'x' } });
    expect(parseArgs(['--dist'])).toMatchObject({ ok: false, error: expect.stringMatching(/--dist needs a value/) });
    expect(parseArgs(['--verbose'])).toMatchObject({ ok: false, error: expect.stringMatching(/unknown argument/) });
  });

  it('writes the zip and says so', () => {
    const { io, out, err } = capture();
    const zipPath = join(root, 'out', 'nested', 'pkg.zip');
    expect(main(['--dist', dist, '--out', zipPath], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(`${Object.keys(FIXTURE).length + 1} entries`);
    expectScorm12(readFileSync(zipPath));
  });

  it.each([
    [['--dist', '/nonexistent/scorm-dist'], /no build folder at \/nonexistent\/scorm-dist/],
    [['--bogus'], /unknown argument/],
  ])('exits 2 with one line on stderr for %j', (argv, message) => {
    const { io, out, err } = capture();
    expect(main(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(err[0]).not.toContain('\n');
  });

  it('exits 2 as a real process when the build is missing', () => {
    const missing = join(root, 'missing-dist');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/packageScorm.ts', '--dist', missing, '--out', join(root, 'never.zip')], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`no build folder at ${missing}`)]);
  }, 25_000);
});
