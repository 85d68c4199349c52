import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { keepFocusIn } from '../focus';
import { useApp } from '../storeContext';

const selectNotices = (s: AppStoreState) => ({ notices: s.notices, dismiss: s.dismissNotices });

/** Input the app could not use (a bad link parameter), said plainly, with what it did instead. */
export function Notices() {
  const { notices, dismiss } = useApp(useShallow(selectNotices));
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-label="Notices">
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          dismiss();
          // The notices (and this button) are gone: focus goes on to the stage, not to <body>.
          requestAnimationFrame(() => keepFocusIn(null, 'stage'));
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
