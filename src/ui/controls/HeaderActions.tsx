import { useShallow } from 'zustand/react/shallow';
import type { AppStoreState } from '../../store/createAppStore';
import { useApp } from '../storeContext';
import { FullscreenButton } from './FullscreenButton';
import { ShareButton } from './ShareButton';

const selectActions = (s: AppStoreState) => ({ drawer: s.drawer, openDrawer: s.openDrawer, closeDrawer: s.closeDrawer, questionsOn: s.questionsOn, setQuestionsOn: s.setQuestionsOn });

/** Predictions on or off, Share, Fullscreen, and the drawer with the inspector and the interventions. */
export function HeaderActions() {
  const a = useApp(useShallow(selectActions));
  const open = a.drawer !== 'closed';
  return (
    <div className="header-actions" id="header-actions">
      <label className="toggle-questions">
        <input type="checkbox" checked={a.questionsOn} onChange={(e) => a.setQuestionsOn(e.target.checked)} />
        <span>Ask me questions</span>
      </label>
      <ShareButton />
      <FullscreenButton />
      <button type="button" className="drawer-toggle" aria-expanded={open} aria-controls="drawer" onClick={() => (open ? a.closeDrawer() : a.openDrawer('interventions'))}>
        Interventions
      </button>
    </div>
  );
}
