import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore';
import { parseLink } from '../../src/store/urlState';
import { Caption } from '../../src/ui/narration/Caption';
import { AppStoreProvider } from '../../src/ui/storeContext';
import { SCENARIOS } from '../../src/scenarios';

async function openAt(link: string, atMs: number) {
  const store = createAppStore(parseLink(link).state);
  await store.getState().load();
  await store.getState().seek(atMs);
  render(
    <AppStoreProvider store={store}>
      <Caption />
    </AppStoreProvider>,
  );
  return { lesson: screen.getByTestId('lesson-caption').textContent ?? '', now: screen.getByTestId('caption').textContent ?? '' };
}

afterEach(cleanup);

describe('"what just happened" follows the one the caption is about', () => {
  // Each of these moments showed someone else's success under the caption (Bob's "200 OK" under
  // "Alice's next refresh fails"): the newest line of the log, not the caption's subject.
  it.each([
    ['?scenario=refresh-tokens&q=0', 21_000, /Alice.s next refresh fails/, /^alice's app drops both tokens and shows its login form/],
    ['?scenario=refresh-tokens&q=0', 11_000, /Alice.s access token expires/, /^alice gets 200 OK for POST \/refresh/],
    ['?scenario=scale-out&mode=session&q=0', 27_000, /server-3 crashes/, /^alice gets 401 session_unknown/],
    ['?scenario=scale-out&mode=jwt&q=0', 27_000, /server-3 crashes/, /^alice gets 200 OK/],
    ['?scenario=clock-skew&q=0', 12_600, /server-2, 20\u00a0s ahead/, /^server-2 rejects .*token_expired/],
    // Before server-2's next request, the caption's own note, not server-3's refusal of the moment.
    ['?scenario=clock-skew&q=0', 11_400, /server-2, 20\u00a0s ahead/, /^server-2 reads the exp as already past\.$/],
    // A setting's caption about a user: revocation's denylist "Alice's still gets in" stood over Bob's accepted token.
    ['?scenario=revocation&mode=jwt&q=0', 22_600, /Alice.s token still gets in/, /^alice /],
    // A theft, until the thief acts: the theft itself, not "bob sends …".
    ['?scenario=refresh-tokens&q=0', 3_600, /Mallory copies both/, /^mallory steals 2 credentials from alice's browser\.$/],
  ])('%s at %i ms', async (link, atMs, caption, now) => {
    const shown = await openAt(link, atMs);
    expect(shown.lesson).toMatch(caption);
    expect(shown.now).toMatch(now);
  });

  it('names only nodes its lesson has', () => {
    for (const scenario of SCENARIOS) {
      for (const mode of scenario.modes) {
        const opts = scenario.options(mode);
        const servers = Array.from({ length: 16 }, (_, i) => `server-${i + 1}`);
        const nodes = new Set([...(opts.clients ?? []).map((c) => c.id), ...servers]);
        for (const step of scenario.timeline(mode)) if (step.about) expect(nodes, `${scenario.id} at ${step.atMs} ms`).toContain(step.about);
      }
    }
  });
});
