// The inspector: shows whatever the user clicked on the stage (the store's `selection`) for
// that mode's world. It only draws the snapshot; every number comes from the simulation.
import { useCallback } from 'react';
import type { AppStoreState, Selection } from '../../store/createAppStore';
import { selectSelection, selectTimeMs, selectWorlds } from '../../store/selectors';
import type { WorldSnapshot } from '../../store/snapshot';
import { useApp } from '../storeContext';
import { ClientInspector } from './ClientInspector';
import { worldName } from './format';
import { KeysInspector } from './KeysInspector';
import { RequestInspector } from './RequestInspector';
import { ServerInspector } from './ServerInspector';
import { StoreInspector } from './StoreInspector';
import './inspectors.css';
import type { Mode } from '../../sim/schemes/names';

const selectSelect = (s: AppStoreState) => s.select;

/** What the store holds in each world. */
const STORE_TITLE: Record<Mode, string> = { session: 'Session store', jwt: 'Store (denylist and refresh tokens)' };

function titleOf(sel: Selection): string {
  switch (sel.kind) {
    case 'request':
      return `Request #${sel.requestId}`;
    case 'client':
      return `Client ${sel.clientId}`;
    case 'server':
      return `Server ${sel.serverId}`;
    case 'store':
      return STORE_TITLE[sel.mode];
    case 'keys':
      return 'Key set (JWKS)';
  }
}

function Body({ sel, world, timeMs, onOpen }: { sel: Selection; world: WorldSnapshot; timeMs: number; onOpen: (s: Selection) => void }) {
  switch (sel.kind) {
    case 'request':
      return <RequestInspector world={world} requestId={sel.requestId} timeMs={timeMs} />;
    case 'client':
      return <ClientInspector world={world} clientId={sel.clientId} />;
    case 'server':
      return <ServerInspector world={world} serverId={sel.serverId} timeMs={timeMs} onOpen={onOpen} />;
    case 'store':
      return <StoreInspector world={world} />;
    case 'keys':
      return <KeysInspector world={world} />;
  }
}

export default function InspectorPanel() {
  const selection = useApp(selectSelection);
  const select = useApp(selectSelect);
  const worlds = useApp(selectWorlds);
  const timeMs = useApp(selectTimeMs);
  const close = useCallback(() => select(null), [select]);

  if (!selection) {
    return (
      <section id="inspector" tabIndex={-1} aria-label="Inspector" className="insp panel">
        <h2 className="insp-title">Inspector</h2>
        <p className="insp-muted">Click a request, a browser, a server, the store or the key set to inspect it.</p>
      </section>
    );
  }
  const world = worlds[selection.mode];
  return (
    <section id="inspector" tabIndex={-1} aria-label="Inspector" className={`insp panel insp-mode-${selection.mode}`}>
      <div className="insp-head">
        <h2 className="insp-title">
          {titleOf(selection)} <span className="insp-world">({worldName(selection.mode)})</span>
        </h2>
        {/* "Close inspector": beside the drawer's "Close panel", two buttons read "Close" (a11y review). */}
        <button type="button" onClick={close} aria-keyshortcuts="Escape">
          Close inspector
        </button>
      </div>
      {world ? (
        <Body sel={selection} world={world} timeMs={timeMs} onOpen={select} />
      ) : (
        <p className="insp-gone">The {worldName(selection.mode)} is not loaded any more, so there is nothing to show.</p>
      )}
    </section>
  );
}
