import { memo, useDeferredValue, useMemo, useState } from 'react';
import { DiffTracker, differingText, EMPTY_DIFFS, type DiffGroup } from '../../store/diff';
import { selectWorlds } from '../../store/selectors';
import type { AppStoreState } from '../../store/createAppStore';
import { plural } from '../../format';
import { useApp } from '../storeContext';
import { useCalmValue } from '../calmValue';
import { useCalmMs } from '../useCalmValue';
import type { Worlds } from '../../store/player';

const selectSelect = (s: AppStoreState) => s.select;

/** Groups shown at most: the first ones (where the lesson starts to bite) and the newest ones. */
const SHOWN_HEAD = 5;
const SHOWN_TAIL = 5;

/** Side by side: what the two worlds served differently, over the whole run, in time order. */
export function DiffStrip() {
  // Drawn after the rest of a new moment, in a render React can interrupt: after a seek the
  // tracker reads the whole run again. Playing fast or out of view, less often (useCalmValue).
  const worlds = useDeferredValue(useCalmValue(useApp(selectWorlds), useCalmMs()));
  const select = useApp(selectSelect);
  return <Strip worlds={worlds} select={select} />;
}

const Strip = memo(function Strip({ worlds, select }: { worlds: Worlds; select: AppStoreState['select'] }) {
  // One tracker per strip: each publish it reads only the requests that finished since the last.
  const [tracker] = useState(() => new DiffTracker());
  const diffs = useMemo(() => (worlds.session && worlds.jwt ? tracker.update(worlds.session, worlds.jwt) : EMPTY_DIFFS), [tracker, worlds]);
  if (!worlds.session || !worlds.jwt) return null;
  const { groups } = diffs;
  const cut = groups.length > SHOWN_HEAD + SHOWN_TAIL;
  const head = cut ? groups.slice(0, SHOWN_HEAD) : groups;
  const tail = cut ? groups.slice(-SHOWN_TAIL) : [];
  const open = (requestId: number) => select({ kind: 'request', mode: 'jwt', requestId });
  const item = (g: DiffGroup) => (
    <li key={`${g.clientId}-${g.first.key}`}>
      <button type="button" className="linklike" onClick={() => open(g.last.jwt.requestId)}>
        {g.text}
      </button>
    </li>
  );
  return (
    <section className="diffstrip panel" aria-labelledby="diffstrip-title">
      <h2 id="diffstrip-title">Where the two worlds disagree</h2>
      {diffs.first === null ? (
        // "Alike": tampering's takeaway counts 3 refusals against 6, the attacks each world received its own way (left out, below).
        <p className="muted">So far every request both worlds received alike got the same answer in both{diffs.oneWorldOnly > 0 ? '; each world\u2019s own requests are left out (below)' : ''}.</p>
      ) : (
        <>
          <p className="diff-first">
            <button type="button" className="linklike" onClick={() => open(diffs.first!.pair.jwt.requestId)}>
              {diffs.first.text}
            </button>
          </p>
          <ul className="diff-groups" aria-label="Runs of the same difference, in time order">
            {head.map(item)}
            {cut && (
              <li className="muted diff-more" key="more">
                … {plural(groups.length - SHOWN_HEAD - SHOWN_TAIL, 'more run')} …
              </li>
            )}
            {tail.map(item)}
          </ul>
        </>
      )}
      <p className="muted diff-count">
        {/* Logins counted: a takeaway's "9 requests" (API calls) stood above "10 requests both worlds received". Each world's own attack
            (tampering: a guessed session id, an edited token) has no twin: "only one world received" was said where both received one. */}
        {plural(diffs.compared, 'request')} both worlds received (logins included), {differingText(diffs)}
        {diffs.oneWorldOnly > 0 ? `; ${plural(diffs.oneWorldOnly, 'request')} with no like request in the other world (a refresh, or an attack made in one world or its own way in each) left out` : ''}.
      </p>
    </section>
  );
});
