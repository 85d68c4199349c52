import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CATALOG, findMeta } from '../../scenarios/catalog';
import { modesOf, type AppStoreState, type View } from '../../store/createAppStore';
import { runnableModes } from '../../store/secureContext';
import { useApp } from '../storeContext';
import { HeaderActions } from './HeaderActions';
import { useSettledSelect } from './useSettledSelect';

const selectBar = (s: AppStoreState) => ({ scenarioId: s.scenarioId, view: s.view, load: s.load });

const VIEWS: { value: View; label: string }[] = [
  { value: 'both', label: 'Side by side' },
  { value: 'session', label: 'Session + cookie' },
  { value: 'jwt', label: 'JWT' },
];

/** The picker's entry for the load lab (no lesson id can look like it: ids have no colon). */
const LAB_OPTION = 'lab:load';
/** Relative: the same page (any base path, index.html or not) with the lab's link parameter. */
const openLab = () => window.location.assign('?lab=load');

/**
 * The header: the app's name, which lesson, and which world(s) to watch (or the load lab instead),
 * then the header's actions. On a phone the lesson's picker stays in view and Options opens the rest
 * (the mode, questions, Share, Interventions), which follow it in the tab order; wider screens show
 * them all and no Options. Open, it covers the controls (layout.css): it closes once the focus goes to
 * something outside the header (tabbed past, a tap on a control elsewhere, the panel its Interventions
 * opened; Share's dialog is inside), and on Escape (`shortcuts.ts`). Going nowhere, it stays open:
 * a press on its text (the click it began was lost with the menu) or a tab switched away (the focus
 * could not come back to a hidden select).
 */
export function AppHeader() {
  const { scenarioId, view, load } = useApp(useShallow(selectBar));
  const [more, setMore] = useState(false);
  const scenario = findMeta(scenarioId);
  // Without WebCrypto (not a secure context) the JWT world cannot run: its views are disabled too.
  const runnable = scenario ? runnableModes(scenario.modes) : [];
  // Leaving the select on the lab's entry does not leave the page: only Enter or a pick does.
  const lesson = useSettledSelect(scenarioId, (id, left) => (id === LAB_OPTION ? left || openLab() : void load({ scenarioId: id, overrides: {}, seed: null })));
  const mode = useSettledSelect(view, (v) => void load({ view: v as View }));
  return (
    <header className="app-header" onBlur={(e) => e.currentTarget.contains(e.relatedTarget) || !e.relatedTarget || setMore(false)}>
      <h1>
        Sessions <span className="vs">vs</span> JWT
      </h1>
      <div className="scenario-bar">
        <label className="scenario-field">
          <span>Scenario</span>
          <select {...lesson} aria-label="Scenario">
            <optgroup label="Lessons">
              {CATALOG.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </optgroup>
            <optgroup label="Lab">
              <option value={LAB_OPTION}>Load lab: 1 to 16 servers</option>
            </optgroup>
          </select>
        </label>
        <button type="button" className="more-toggle" aria-expanded={more} aria-controls="mode-field header-actions" onClick={() => setMore(!more)}>
          Options
        </button>
        <label className="mode-field" id="mode-field">
          <span>Mode</span>
          <select {...mode} aria-label="Mode">
            {VIEWS.map((v) => (
              // A lesson that exists in one world only cannot show the other.
              <option key={v.value} value={v.value} disabled={!!scenario && !modesOf(v.value).every((m) => runnable.includes(m))}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <HeaderActions />
    </header>
  );
}
