// The address bar follows the loads after the first (src/store/addressBar.ts), so a reload shows what is loaded.
import { afterEach, describe, expect, it } from 'vitest';
import { keepAddressBar } from '../../src/store/addressBar';
import { createAppStore } from '../../src/store/createAppStore';

const ban = { atMs: 1_000, action: { type: 'banUser' as const, userId: 'alice' } };
const address = () => new URLSearchParams(window.location.search);

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the address bar', () => {
  it('is not rewritten by the first load: the link stays as it was', async () => {
    window.history.replaceState(null, '', '/?scenario=key-rotation&mode=both&t=10000');
    const store = createAppStore({ scenarioId: 'key-rotation', view: 'both', questionsOn: false });
    keepAddressBar(store, {});
    await store.getState().load();
    expect(window.location.search).toBe('?scenario=key-rotation&mode=both&t=10000');
  });

  it('keeps the interventions of the run another view of it goes on with, and drops them for another lesson', async () => {
    const store = createAppStore({ scenarioId: 'basic', view: 'both', questionsOn: false, actions: [ban] });
    keepAddressBar(store, { questionsOn: false });
    await store.getState().load();
    await store.getState().load({ view: 'jwt' });
    expect(address().get('mode')).toBe('jwt');
    expect(JSON.parse(address().get('a') ?? '[]')).toEqual([ban]);
    expect(address().get('q')).toBe('0');
    await store.getState().load({ scenarioId: 'revocation' });
    expect(address().get('scenario')).toBe('revocation');
    expect(address().has('a')).toBe(false);
  });

  it('names the view asked for where the lesson can show no world here (JWT-only, without WebCrypto): never mode=undefined', async () => {
    const store = createAppStore({ scenarioId: 'basic', view: 'both', questionsOn: false, webCrypto: false });
    keepAddressBar(store, {});
    await store.getState().load();
    await store.getState().load({ scenarioId: 'key-rotation' });
    expect(store.getState().status).toBe('error');
    expect(address().get('scenario')).toBe('key-rotation');
    expect(address().get('mode')).toBe('both');
  });
});
