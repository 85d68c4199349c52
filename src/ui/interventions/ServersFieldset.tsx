import { LIMITS } from '../../sim/options';
import { ActionButton } from './ActionButton';
import type { PanelModel } from './model';
import { ServerRow } from './ServerRow';

/** The app servers behind the load balancer. */
export function ServersFieldset({ model }: { model: PanelModel }) {
  const { servers } = model;
  const full = servers.length >= LIMITS.drawnServers;
  return (
    <fieldset className="iv-group">
      <legend>Servers</legend>
      {servers.map((sv) => (
        <ServerRow key={sv.id} server={sv} last={servers.length <= 1} />
      ))}
      <div className="iv-row">
        <ActionButton action={{ type: 'addServer' }} label="Add server" reason={full ? `At most ${LIMITS.drawnServers} servers` : null}>
          + Add server
        </ActionButton>
      </div>
    </fieldset>
  );
}
