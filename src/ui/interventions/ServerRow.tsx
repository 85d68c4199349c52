import type { PanelModel } from './model';
import { useIntervene } from './model';
import { ActionButton } from './ActionButton';
import { ChoiceSelect } from './ChoiceSelect';
import { formatOffset, SKEW_CHOICES, withCurrent } from './choices';

type ServerFacts = PanelModel['servers'][number];

/** One app server: crash or restart it, remove it, set its clock off. */
export function ServerRow({ server, last }: { server: ServerFacts; last: boolean }) {
  const intervene = useIntervene();
  const { id, up } = server;
  return (
    <div className={`iv-row iv-server${up ? '' : ' is-down'}`} role="group" aria-label={id}>
      <span className="iv-sub">
        {id} <span className={up ? 'iv-up' : 'iv-down'}>{up ? 'up' : 'down'}</span>
      </span>
      {up ? (
        <ActionButton action={{ type: 'killServer', serverId: id }} label={`Kill ${id}`} tone="danger">
          Kill
        </ActionButton>
      ) : (
        <ActionButton action={{ type: 'restartServer', serverId: id }} label={`Restart ${id}`}>
          Restart
        </ActionButton>
      )}
      <ActionButton action={{ type: 'removeServer', serverId: id }} label={`Remove ${id}`} reason={last ? 'The last server cannot be removed' : null}>
        Remove
      </ActionButton>
      <ChoiceSelect
        label="Clock"
        ariaLabel={`Clock skew of ${id}`}
        value={server.skewMs}
        choices={withCurrent(SKEW_CHOICES, server.skewMs, formatOffset)}
        onPick={(skewMs) => intervene({ type: 'setSkew', serverId: id, skewMs })}
      />
    </div>
  );
}
