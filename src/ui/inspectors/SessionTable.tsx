// A live table of session records; a row fades in when a session is created (CSS, inspectors.css) and
// goes at once when it is deleted (a ban, a logout), so the table never holds a session that is gone.
// No animation under reduced motion.
import { useState } from 'react';
import { clockTime } from '../../format';
import type { SessionRecord } from '../../sim/types';
import { selectReducedMotion } from '../../store/selectors';
import { useApp } from '../storeContext';
import { TableWrap } from './Facts';
import { shorten } from './format';

function Cells({ s }: { s: SessionRecord }) {
  return (
    <>
      <th scope="row" className="insp-mono" title={s.id}>
        {shorten(s.id, 8)}
      </th>
      <td>{s.userId}</td>
      <td>{clockTime(s.createdAtMs)}</td>
      <td>{clockTime(s.lastSeenAtMs)}</td>
      <td>{clockTime(s.expiresAtMs)}</td>
    </>
  );
}

export function SessionTable({ sessions, caption }: { sessions: SessionRecord[]; caption: string }) {
  const reducedMotion = useApp(selectReducedMotion);
  // The sessions there when the table opened are drawn in place; only later ones fade in.
  const [first] = useState(() => new Set(sessions.map((s) => s.id)));
  const rows = sessions.map((s) => (
    <tr key={s.id} className={reducedMotion || first.has(s.id) ? undefined : 'is-new'}>
      <Cells s={s} />
    </tr>
  ));
  return (
    <TableWrap label={`${caption}, scrollable`}>
      <table className="insp-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session id</th>
            <th scope="col">User</th>
            <th scope="col">Created</th>
            <th scope="col">Last seen</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {rows}
          {/* The table stays when it empties, with a row that says so. */}
          {sessions.length === 0 && (
            <tr>
              <td colSpan={5} className="insp-muted">
                No sessions.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}
