import { ActionButton } from './ActionButton';
import type { PanelModel } from './model';

const SLOW_FACTOR = 5;

/** The shared store: sessions, or the denylist and refresh tokens. */
export function StoreFieldset({ store }: { store: PanelModel['store'] }) {
  const slow = store.slowFactor > 1;
  return (
    <fieldset className="iv-group">
      <legend>Store</legend>
      <div className="iv-row">
        <span className="iv-sub">
          <span className={store.up ? 'iv-up' : 'iv-down'}>{store.up ? 'up' : 'down'}</span>
          {slow && <> · {store.slowFactor}× slower</>}
        </span>
        {store.up ? (
          <ActionButton action={{ type: 'storeDown' }} label="Take down the store" tone="danger">
            Take down
          </ActionButton>
        ) : (
          <ActionButton action={{ type: 'storeUp' }} label="Bring back the store">
            Bring back
          </ActionButton>
        )}
        {slow ? (
          <ActionButton action={{ type: 'storeSlow', factor: 1 }} label="Store at normal speed">
            Normal
          </ActionButton>
        ) : (
          <ActionButton action={{ type: 'storeSlow', factor: SLOW_FACTOR }} label={`Slow ×${SLOW_FACTOR}: the store answers ${SLOW_FACTOR} times slower`}>
            Slow ×{SLOW_FACTOR}
          </ActionButton>
        )}
      </div>
    </fieldset>
  );
}
