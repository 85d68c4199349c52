import { responseText } from '../../src/sim/http';
// Real servers refuse oversized header blocks (431) at 8-16 KB; so does this one, at a setting.
import { describe, expect, it } from 'vitest';
import { requestsOf, run } from './support/run';

describe('header size limit', () => {
  it('answers 431 header_too_large when a bearer token makes the headers too large', async () => {
    const claims = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`grp${i}`, 'x'.repeat(250)]));
    const d = await run({ mode: 'jwt' }, [
      [0, { type: 'setExtraClaims', userId: 'alice', claims }],
      [10, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 3_000);
    const [api] = requestsOf(d.state, 'alice', 'api');
    expect(api?.requestBytes).toBeGreaterThan(8 * 1024);
    expect(api?.reason).toBe('header_too_large');
    expect(responseText(api!.httpResponse!)).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large/);
  });

  it('takes the same request when the limit is raised', async () => {
    const claims = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`grp${i}`, 'x'.repeat(250)]));
    const d = await run({ mode: 'jwt', maxHeaderBytes: 64 * 1024 }, [
      [0, { type: 'setExtraClaims', userId: 'alice', claims }],
      [10, { type: 'login', clientId: 'alice' }],
      [1_000, { type: 'request', clientId: 'alice' }],
    ], 3_000);
    expect(requestsOf(d.state, 'alice', 'api')[0]?.reason).toBe('ok');
  });
});
