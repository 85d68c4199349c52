// A live table of session records; rows fade in when a session is created and out when it is
// deleted (a ban, a logout), so the learner sees the store change. No animation under reduced motion.
import { AnimatePresence, m } from 'framer-motion';
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

// `m` (not `motion`): the app loads animation features through LazyMotion in strict mode.
const FADE = { initial: { opacity: 0 }, animate: { opacity: 1 }, exit: { opacity: 0 } };

export function SessionTable({ sessions, caption }: { sessions: SessionRecord[]; caption: string }) {
  const reducedMotion = useApp(selectReducedMotion);
  const rows = reducedMotion ? (
    sessions.map((s) => (
      <tr key={s.id}>
        <Cells s={s} />
      </tr>
    ))
  ) : (
    <AnimatePresence initial={false}>
      {sessions.map((s) => (
        <m.tr key={s.id} {...FADE} transition={{ duration: 0.35 }}>
          <Cells s={s} />
        </m.tr>
      ))}
    </AnimatePresence>
  );
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
          {/* The table stays when it empties, so the last row can still fade out. */}
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
