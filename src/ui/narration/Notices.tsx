import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { keepFocusIn } from '../focus';
import { useApp } from '../storeContext';

const selectNotices = (s: AppStoreState) => ({ notices: s.notices, dismiss: s.dismissNotices, embed: s.presentation.embed });

/** More notices than an embed's box shows (layout.css caps it at three lines): the list scrolls, from the keyboard too. */
const EMBED_SHOWN = 3;

/** Input the app could not use (a bad link parameter), said plainly, with what it did instead. */
export function Notices() {
  const { notices, dismiss, embed } = useApp(useShallow(selectNotices));
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-label="Notices">
      {/* A link with ten bad values left an 800x600 embed's worlds ~130 px tall until dismissed. */}
      <ul tabIndex={embed && notices.length > EMBED_SHOWN ? 0 : undefined}>
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
