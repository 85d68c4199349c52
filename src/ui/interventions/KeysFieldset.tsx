import { ActionButton } from './ActionButton';
import type { PanelModel } from './model';

/** The issuer's signing keys (JWT worlds only). */
export function KeysFieldset({ keys }: { keys: PanelModel['keys'] }) {
  return (
    <fieldset className="iv-group">
      <legend>Keys</legend>
      <div className="iv-row">
        {keys && (
          <span className="iv-sub">
            {/* Before the issuer takes its first key (at 0 s) it read "signing with —". */}
            {keys.activeKid ? <>signing with <code>{keys.activeKid}</code></> : 'not signing yet'}
            {keys.kids.length > 0 && <> · keys {keys.kids.join(', ')}</>}
          </span>
        )}
        <ActionButton action={{ type: 'rotateKey' }} label="Rotate key" reason={keys ? null : 'Sessions sign nothing: JWT only'}>
          Rotate key
        </ActionButton>
      </div>
    </fieldset>
  );
}
