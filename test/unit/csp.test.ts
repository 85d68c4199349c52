// build/csp.ts: the built page's policy allows its inline scripts by hash, and nothing else inline.
import { describe, expect, it } from 'vitest';
import { CSP, inlineScripts, policyFor, scriptHash } from '../../build/csp';
import { fitScript, withFitScript } from '../../build/firstScreen';

describe('the Content-Security-Policy of the built page', () => {
  it('finds the inline scripts, not those loaded from a file', () => {
    const html = '<head><script type="module" crossorigin src="./assets/index.js"></script><script>fit()</script><script id="x" src="./registerSW.js" defer></script><script></script></head>';
    expect(inlineScripts(html)).toEqual(['fit()']);
  });

  it('names each inline script by its SHA-256 and keeps every other directive', () => {
    expect(policyFor([])).toBe(CSP);
    const policy = policyFor(['fit()']);
    // echo -n 'fit()' | openssl dgst -sha256 -binary | base64
    expect(policy).toContain("script-src 'self' 'sha256-bPUTWYmQbSUrcUC8QRCvgPSXjMHe3ZwNAtZCzmZZK60='");
    expect(policy.replace(/ 'sha256-[^']+'/, '')).toBe(CSP);
    expect(policy).toContain("style-src 'self';");
  });

  it('allows the first screen fit as it is written into index.html', async () => {
    const html = withFitScript('<html><head><meta charset="utf-8"></head><body></body></html>', await fitScript());
    const [script] = inlineScripts(html);
    expect(script).toContain('first-screen-fitted');
    expect(policyFor(inlineScripts(html))).toContain(scriptHash(script!));
  });
});
