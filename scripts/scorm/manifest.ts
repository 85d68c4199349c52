// The imsmanifest.xml of a single-SCO SCORM 1.2 package (ADL SCORM 1.2 CAM, IMS Content
// Packaging 1.1.2): one organization with one item, launching one `webcontent` resource of
// type sco that lists every file of the static build. Pure: strings in, a string out.

/** IMS Content Packaging 1.1.2 as profiled by ADL for SCORM 1.2: the default namespace. */
export const IMSCP_NS = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
/** ADL's SCORM 1.2 extensions (adlcp:scormtype, adlcp:masteryscore, ...). */
export const ADLCP_NS = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * The control files a schema-validating tool needs at the package root when the manifest names
 * them in xsi:schemaLocation. imscp_rootv1p1p2.xsd imports ims_xml.xsd (the xml: namespace).
 */
export const SCHEMA_FILES = ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'ims_xml.xsd'] as const;

export const MANIFEST_FILE = 'imsmanifest.xml';

export interface ManifestInput {
  /** The manifest's identifier: an XML NCName (a letter or _ first; letters, digits, . - _ after). */
  identifier: string;
  /** The package's version (manifest@version, at most 20 characters in SCORM 1.2). */
  version?: string;
  /** The organization's title: what the LMS shows for the activity. */
  title: string;
  /** The single item's title; the organization's by default. */
  itemTitle?: string;
  /** Every file of the content, relative to the package root, with forward slashes. */
  files: readonly string[];
  /** The file the LMS launches; must be one of `files`. */
  launch: string;
  /** A mastery score 0-100 (adlcp:masteryscore); leave it out unless a score means pass/fail. */
  masteryScore?: number;
  /**
   * Name the SCORM 1.2 schemas in xsi:schemaLocation. Only when the package ships them
   * (SCHEMA_FILES at its root): a schemaLocation that points at missing files is a broken reference.
   */
  schemaLocation?: boolean;
}

const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

/** Text or attribute value made safe for XML (both quote kinds escaped, so either delimiter works). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A path as a manifest href: forward slashes, no leading ./ or /, no .. segment. */
function checkHref(path: string): string {
  if (path === '' || path.includes('\\') || path.startsWith('/') || path.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
    throw new Error(`scorm manifest: "${path}" is not a relative path with forward slashes`);
  }
  // Control characters cannot appear in XML 1.0 at all, escaped or not.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) throw new Error(`scorm manifest: "${path}" contains a control character`);
  return path;
}

/** The imsmanifest.xml text for `input`; throws on an input that would make an invalid manifest. */
export function scormManifest(input: ManifestInput): string {
  const { identifier, version, title, itemTitle = title, files, launch, masteryScore, schemaLocation = false } = input;
  if (!NCNAME.test(identifier)) throw new Error(`scorm manifest: identifier "${identifier}" is not an XML NCName`);
  if (version !== undefined && (version.length === 0 || version.length > 20)) throw new Error(`scorm manifest: version "${version}" must be 1 to 20 characters`);
  if (!title.trim() || !itemTitle.trim()) throw new Error('scorm manifest: a title must not be empty');
  if (masteryScore !== undefined && !(Number.isInteger(masteryScore) && masteryScore >= 0 && masteryScore <= 100)) {
    throw new Error(`scorm manifest: masteryScore ${masteryScore} must be a whole number from 0 to 100`);
  }
  const hrefs = files.map(checkHref);
  const unique = new Set(hrefs);
  if (unique.size !== hrefs.length) throw new Error('scorm manifest: a file is listed twice');
  if (unique.has(MANIFEST_FILE)) throw new Error(`scorm manifest: the content must not contain its own ${MANIFEST_FILE}`);
  if (!unique.has(checkHref(launch))) throw new Error(`scorm manifest: the launch file "${launch}" is not among the files`);

  const org = `${identifier}-ORG`;
  const item = `${identifier}-ITEM`;
  const res = `${identifier}-RES`;
  const namespaces = [`xmlns="${IMSCP_NS}"`, `xmlns:adlcp="${ADLCP_NS}"`];
  if (schemaLocation) {
    namespaces.push(`xmlns:xsi="${XSI_NS}"`, `xsi:schemaLocation="${IMSCP_NS} imscp_rootv1p1p2.xsd ${ADLCP_NS} adlcp_rootv1p2.xsd"`);
  }
  const versionAttr = version === undefined ? '' : ` version="${escapeXml(version)}"`;
  const mastery = masteryScore === undefined ? '' : `\n        <adlcp:masteryscore>${masteryScore}</adlcp:masteryscore>`;

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${identifier}"${versionAttr}`,
    ...namespaces.map((ns, i) => `    ${ns}${i === namespaces.length - 1 ? '>' : ''}`),
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    '    <schemaversion>1.2</schemaversion>',
    '  </metadata>',
    `  <organizations default="${org}">`,
    `    <organization identifier="${org}">`,
    `      <title>${escapeXml(title)}</title>`,
    `      <item identifier="${item}" identifierref="${res}" isvisible="true">`,
    `        <title>${escapeXml(itemTitle)}</title>${mastery}`,
    '      </item>',
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    `    <resource identifier="${res}" type="webcontent" adlcp:scormtype="sco" href="${escapeXml(launch)}">`,
    ...hrefs.map((f) => `      <file href="${escapeXml(f)}"/>`),
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}
