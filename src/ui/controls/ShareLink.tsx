import { useState } from 'react';
import type { AppStoreState } from '../../store/createAppStore';
import { linkFor } from '../../store/urlState';
import { useAppStore } from '../storeContext';

/** A link to this scenario, mode, seed, speed and moment: what a teacher pastes into a course. */
export function ShareLink() {
  const store = useAppStore();
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);
  const copy = async () => {
    const s: AppStoreState = store.getState();
    const url = `${window.location.origin}${window.location.pathname}${linkFor({ ...s, timeMs: store.player.timeMs }, store.player.recordedActions())}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard permission (an iframe, plain http): show the link to copy by hand instead.
    }
    setShown({ url, copied });
  };
  return (
    <span className="share">
      <button type="button" onClick={() => void copy()} aria-label="Copy link to this moment">
        Copy link
      </button>
      {shown && (
        <span role="status" className="share-status">
          {shown.copied ? 'Link copied.' : 'Copy this link:'}{' '}
          <input readOnly value={shown.url} aria-label="Link to this moment" onFocus={(e) => e.currentTarget.select()} />
        </span>
      )}
    </span>
  );
}
