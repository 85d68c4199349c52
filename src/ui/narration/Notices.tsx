import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { keepFocusIn } from '../focus';
import { useApp } from '../storeContext';

const selectNotices = (s: AppStoreState) => ({ notices: s.notices, dismiss: s.dismissNotices, embed: s.presentation.embed });

/** Input the app could not use (a bad link parameter), said plainly, with what it did instead. */
export function Notices() {
  const { notices, dismiss, embed } = useApp(useShallow(selectNotices));
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-label="Notices">
      {/* An embed's list holds three lines (layout.css) and scrolls, from the keyboard too: a link with ten bad values left an 800x600 embed's worlds ~130 px tall until dismissed. */}
      <ul tabIndex={embed ? 0 : undefined}>
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
