import { describe, expect, it } from 'vitest';
import { withoutManifestLink } from '../../build/manifestLink';

describe('the manifest link is the app\u2019s to add', () => {
  it('is taken out of index.html, and nothing else is', () => {
    const html = '<head><title>t</title>\n<link rel="manifest" href="./manifest.webmanifest">\n</head>';
    expect(withoutManifestLink(html)).toBe('<head><title>t</title>\n</head>');
  });

  it('fails the build when the plugin wrote no link, or a link to a file the app does not add', () => {
    expect(() => withoutManifestLink('<head></head>')).toThrow(/no <link rel="manifest">/);
    expect(() => withoutManifestLink('<head><link rel="manifest" href="/app/manifest.json"></head>')).toThrow(/links \/app\/manifest.json/);
  });
});
