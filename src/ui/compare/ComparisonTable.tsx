// The article's side-by-side table, made tangible: every row shows what this run measured (bold)
// with the article's claim under it (small, muted). Derived from snapshots only.
import { memo, useDeferredValue, useMemo } from 'react';
import { selectWorlds } from '../../store/selectors';
import { useApp } from '../storeContext';
import { useCalmValue } from '../calmValue';
import { useCalmMs } from '../useCalmValue';
import type { AppStoreState } from '../../store/createAppStore';
import { compareRows, NOT_LOADED, notInLesson, type CompareRow } from './compareRows';
import type { Worlds } from '../../store/player';
import './compare.css';

const COLUMNS = [
  { mode: 'session', title: 'Session + cookie' },
  { mode: 'jwt', title: 'JWT' },
] as const;

const selectLessonModes = (s: AppStoreState) => s.scenario?.modes;

/** Dotted words ("header.payload.signature") may wrap after a dot: a phone's column broke them mid-word. */
const wrapAtDots = (text: string) => text.split(/(?<=[a-z]\.)(?=[a-z])/).flatMap((part, i) => (i ? [<wbr key={i} />, part] : [part]));

function Cell({ measured, claim, mode }: { measured: string | null; claim: string; mode: 'session' | 'jwt' }) {
  const lessonModes = useApp(selectLessonModes);
  // A lesson without this world: side by side is not offered, so do not suggest it.
  const missing = lessonModes && !lessonModes.includes(mode) ? notInLesson(mode) : NOT_LOADED;
  return (
    <td className={`cmp-cell cmp-${mode}`} data-mode={mode}>
      {measured === null ? <em className="cmp-missing">{missing}</em> : <strong className="cmp-measured">{wrapAtDots(measured)}</strong>}
      <span className="cmp-claim">
        <span className="visually-hidden">The article says: </span>
        {wrapAtDots(claim)}
      </span>
    </td>
  );
}

function Row({ row }: { row: CompareRow }) {
  return (
    <tr data-row={row.id}>
      <th scope="row" className="cmp-rowhead">
        {row.label}
      </th>
      {COLUMNS.map(({ mode }) => (
        <Cell key={mode} mode={mode} measured={row.measured[mode]} claim={row.article[mode]} />
      ))}
    </tr>
  );
}

/**
 * The table of the moment before last while a new one is drawn: its rows render after the stage
 * and caption of a new moment, in a render React can interrupt (after a seek every row is new).
 * Playing fast or out of view, less often (useCalmValue).
 */
export function ComparisonTable() {
  const worlds = useDeferredValue(useCalmValue(useApp(selectWorlds), useCalmMs()));
  return <Table worlds={worlds} />;
}

const Table = memo(function Table({ worlds }: { worlds: Worlds }) {
  const rows = useMemo(() => compareRows(worlds), [worlds]);
  if (!worlds.session && !worlds.jwt) return null;
  return (
    <section className="cmp panel">
      <div className="cmp-wrap" role="region" aria-label="Comparison table, scrollable" tabIndex={0}>
        <table className="cmp-table" aria-describedby="cmp-legend">
          <caption>
            {/* A heading too: a screen reader's heading list passed the table by. */}
            <h2 className="cmp-title">Sessions vs JWT, measured in this run</h2>
          </caption>
          <thead>
            <tr>
              <th scope="col" className="cmp-corner">
                <span className="visually-hidden">Question</span>
              </th>
              {COLUMNS.map(({ mode, title }) => (
                <th key={mode} scope="col" className={`cmp-colhead cmp-${mode}`}>
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Row key={row.id} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <p id="cmp-legend" className="cmp-legend">
        <strong>Bold</strong>: measured in this run so far. Grey: what the article&rsquo;s table claims.
      </p>
    </section>
  );
});
