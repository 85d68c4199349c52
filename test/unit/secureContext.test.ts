// Issue 7, item 8: without crypto.subtle (plain http on a LAN) the page says why the JWT world
// needs a secure context, and the session world still loads and plays.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { hasWebCrypto, runnableModes } from '../../src/store/secureContext';
import { jwtOnlyNeedsWebCrypto, noWebCryptoNotice } from '../../src/store/noWebCryptoWords';

/** A page served over plain http from another machine, as on a LAN. */
const lan = { protocol: 'http:', hostname: '192.168.1.20', port: '4506' };
const NO_WEBCRYPTO_NOTICE = noWebCryptoNotice(lan, false);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('secure context detection', () => {
  it('sees crypto.subtle, or its absence', () => {
    expect(hasWebCrypto()).toBe(true); // Node 20 has WebCrypto
    expect(hasWebCrypto({ crypto: { subtle: {} } })).toBe(true);
    expect(hasWebCrypto({ crypto: { subtle: undefined } })).toBe(false);
    expect(hasWebCrypto({ crypto: {} })).toBe(false);
    expect(hasWebCrypto({})).toBe(false);
  });

  it('keeps every world with WebCrypto, the session world only without', () => {
    expect(runnableModes(['session', 'jwt'], true)).toEqual(['session', 'jwt']);
    expect(runnableModes(['session', 'jwt'], false)).toEqual(['session']);
    expect(runnableModes(['jwt'], false)).toEqual([]);
    expect(runnableModes(['session'], false)).toEqual(['session']);
  });

  it('says so in one sentence that names HTTPS and localhost, and the port this page is served on', () => {
    expect(NO_WEBCRYPTO_NOTICE).toMatch(/HTTPS/);
    expect(NO_WEBCRYPTO_NOTICE).toMatch(/localhost/);
    expect(NO_WEBCRYPTO_NOTICE).toContain('ssh -L 4506:localhost:4506 the-server, then open http://localhost:4506');
    expect(noWebCryptoNotice({ protocol: 'http:', hostname: 'course-lab', port: '' }, false)).toContain('ssh -L 8080:localhost:80 the-server, then open http://localhost:8080');
    expect(NO_WEBCRYPTO_NOTICE.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length).toBe(1);
  });

  it('served securely but framed by a plain-http page, says the framing page is the one to fix', () => {
    for (const page of [{ protocol: 'https:', hostname: 'sim.example', port: '' }, { protocol: 'http:', hostname: 'localhost', port: '4173' }]) {
      const notice = noWebCryptoNotice(page, false);
      expect(notice).toContain('shown inside a page that is not (plain http): open that page over HTTPS, or open this simulator on its own');
      expect(notice).not.toContain('ssh');
    }
    // A secure context with no WebCrypto is no framing's fault: the usual advice.
    expect(noWebCryptoNotice({ protocol: 'https:', hostname: 'sim.example', port: '' }, true)).toContain('open this simulator over HTTPS or at http://localhost');
  });
});

describe('the app without crypto.subtle', () => {
  /** What a page served over plain http sees: crypto without subtle. */
  const insecure = () => vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });

  it('loads side by side as the session world only, says why, and plays it', async () => {
    insecure();
    expect(hasWebCrypto()).toBe(false);
    const store = createAppStore({ scenarioId: 'revocation', view: 'both' });
    await expect.poll(() => store.getState().notices).toEqual([noWebCryptoNotice()]);
    await store.getState().load();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.error).toBeNull();
    expect(s.view).toBe('session');
    expect(Object.keys(s.worlds)).toEqual(['session']);
    // The session world runs without any WebCrypto call: step to a few logged moments.
    for (let i = 0; i < 5; i++) await store.getState().step();
    expect(store.getState().status).toBe('ready');
    expect(store.getState().worlds.session!.log.length).toBeGreaterThan(0);
  });

  it('keeps the link notices after its own sentence', async () => {
    const store = createAppStore({ webCrypto: false, notices: ['The seed "abc" is not a number.'] });
    await expect.poll(() => store.getState().notices).toEqual([noWebCryptoNotice(), 'The seed "abc" is not a number.']);
    expect(createAppStore({ webCrypto: true }).getState().notices).toEqual([]);
  });

  it('a JWT-only lesson says it needs a secure context instead of crashing', async () => {
    const store = createAppStore({ scenarioId: 'key-rotation', view: 'jwt', webCrypto: false });
    await store.getState().load();
    expect(store.getState().status).toBe('error');
    expect(store.getState().error).toBe(jwtOnlyNeedsWebCrypto(false));
    expect(store.getState().error).toContain('pick another lesson');
    expect(store.getState().worlds).toEqual({});
    // Back to a lesson with a session world: it loads.
    await store.getState().load({ scenarioId: 'basic' });
    expect(store.getState().status).toBe('ready');
    expect(Object.keys(store.getState().worlds)).toEqual(['session']);
  });
});
