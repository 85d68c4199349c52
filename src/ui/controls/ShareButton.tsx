import { lazy, Suspense, useState } from 'react';
import { useAppStore } from '../storeContext';

// Most visits never share: the dialog arrives when Share is pressed.
const ShareDialog = lazy(() => import('./ShareDialog'));

/** Share: pauses on the moment and opens the dialog with its link and embed code. */
export function ShareButton() {
  const store = useAppStore();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        // Opened on the moment drawn: the link is the paused screen's, not one an advance under way moves on from.
        onClick={function openPaused() {
          store.getState().pause();
          // Played again while a long seek settled (Space): paused again, so the link is still the screen's.
          void store.player.settled().then(() => (store.getState().playing ? openPaused() : setOpen(true)));
        }}
      >
        Share
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
