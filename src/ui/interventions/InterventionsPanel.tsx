// Free play: every intervention by hand, at any moment. The panel holds no simulation logic: each
// control dispatches one engine action to every loaded world, and what is enabled or shown comes
// from the snapshots (the primary world: sessions when both are loaded).
import { useId } from 'react';
import { AttackerFieldset } from './AttackerFieldset';
import { InterventionNews } from './InterventionNews';
import { KeysFieldset } from './KeysFieldset';
import { usePanelModel } from './model';
import { ServersFieldset } from './ServersFieldset';
import { SettingsFieldset } from './SettingsFieldset';
import { StoreFieldset } from './StoreFieldset';
import { UsersFieldset } from './UsersFieldset';
import './interventions.css';

export function InterventionsPanel() {
  const model = usePanelModel();
  const titleId = useId();
  return (
    <section id="interventions" tabIndex={-1} className="iv panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="iv-title">
        Interventions
      </h2>
      {model === null ? (
        <p className="iv-note">The controls appear once the run is ready.</p>
      ) : (
        <InterventionNews>
          {/* A changed run can make a caption untrue ("every server accepts his token" with the servers killed): said where the change is made. */}
          <p className="iv-note">
            {model.modes.length > 1 && 'Each action applies to both worlds at the same moment. '}
            The captions go on telling the lesson as written; what just happened, the event log and the takeaway tell your run.
          </p>
          <UsersFieldset model={model} />
          <AttackerFieldset model={model} />
          <ServersFieldset model={model} />
          <StoreFieldset store={model.store} />
          <KeysFieldset keys={model.keys} />
          <SettingsFieldset model={model} />
        </InterventionNews>
      )}
    </section>
  );
}
