import { useMemo } from 'react';
import { outcomeDiffs } from '../../store/diff';
import { selectWorlds } from '../../store/selectors';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';

const selectSelect = (s: AppStoreState) => s.select;

/** Side by side: the requests whose outcome differs between the two worlds. */
export function DiffStrip() {
  const worlds = useApp(selectWorlds);
  const select = useApp(selectSelect);
  const diffs = useMemo(() => (worlds.session && worlds.jwt ? outcomeDiffs(worlds.session, worlds.jwt) : []), [worlds]);
  if (!worlds.session || !worlds.jwt) return null;
  return (
    <section className="diffstrip panel" aria-label="Where the outcomes differ">
      <h3>Where the two worlds disagree</h3>
      {diffs.length === 0 ? (
        <p className="muted">So far every request got the same answer in both worlds.</p>
      ) : (
        <ul>
          {diffs.map((d) => (
            <li key={d.requestId}>
              <button type="button" className="linklike" onClick={() => select({ kind: 'request', mode: 'jwt', requestId: d.requestId })}>
                {d.text}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
