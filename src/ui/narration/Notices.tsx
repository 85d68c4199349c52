import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { keepFocusIn } from '../focus';
import { useApp } from '../storeContext';

const selectNotices = (s: AppStoreState) => ({ notices: s.notices, dismiss: s.dismissNotices, embed: s.presentation.embed });

/**
 * Input the app could not use (a bad link parameter), said plainly, with what it did instead. The
 * status region is there, empty and unseen, before any notice: a region inserted with its words is
 * not read out by every screen reader (an intervention's notice after a seek back went unsaid), and
 * the Dismiss button is outside it, so its name is no part of what is said.
 */
export function Notices() {
  const { notices, dismiss, embed } = useApp(useShallow(selectNotices));
  const any = notices.length > 0;
  return (
    <div className={any ? 'notices' : 'visually-hidden'}>
      <div role="status" aria-label="Notices">
        {/* An embed's list holds three lines (layout.css) and scrolls, from the keyboard too: a link with ten bad values left an 800x600 embed's worlds ~130 px tall until dismissed. */}
        {any && (
          <ul tabIndex={embed ? 0 : undefined}>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </div>
      {any && (
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
      )}
    </div>
  );
}
