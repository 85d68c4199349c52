import { LIMITS } from '../../sim/options';
import type { Action, Mode } from '../../sim/types';
import { ActionButton } from './ActionButton';
import { ATTACKER_ID } from './choices';
import type { PanelModel } from './model';

type How = Extract<Action, { type: 'tamper' }>['how'];

/** Tampering that means something in a world of this mode (a session id cannot be re-signed). */
const TAMPERS: { how: How; mode: Mode; text: string; spoken: string }[] = [
  { how: 'role-admin', mode: 'jwt', text: 'Set role to admin', spoken: 'set role to admin' },
  // Unsigned and made admin at once: alg "none" is how forged claims hope to pass (the engine's forge).
  { how: 'alg-none', mode: 'jwt', text: 'Admin, alg none', spoken: 'admin, alg none (role set to admin, unsigned)' },
  { how: 'guess-session', mode: 'session', text: 'Guess a session id', spoken: 'guess a session id' },
];

/** `stealRefused`: why Steal cannot bring the attacker in (a link brought in the most the stage draws). */
function VictimRow({ clientId, modes, stealRefused }: { clientId: string; modes: Mode[]; stealRefused: string | null }) {
  return (
    <div className="iv-row" role="group" aria-label={`Attacks on ${clientId}`}>
      <span className="iv-sub">{clientId}</span>
      <ActionButton action={{ type: 'steal', fromClientId: clientId, attackerId: ATTACKER_ID }} label={`Steal ${clientId}'s credentials`} reason={stealRefused} tone="attack">
        Steal
      </ActionButton>
      {TAMPERS.filter((t) => modes.includes(t.mode)).map((t) => (
        <ActionButton key={t.how} action={{ type: 'tamper', clientId, how: t.how }} label={`Tamper ${clientId}: ${t.spoken}`} tone="attack">
          {t.text}
        </ActionButton>
      ))}
    </div>
  );
}

/** Steal a browser's credentials, edit them in place, and replay them from the attacker's machine. */
export function AttackerFieldset({ model }: { model: PanelModel }) {
  const victims = model.clients.filter((c) => c.kind === 'browser');
  const attackers = model.clients.filter((c) => c.kind === 'attacker');
  const stealRefused = attackers.length >= LIMITS.drawnAttackers && !attackers.some((a) => a.id === ATTACKER_ID) ? `At most ${LIMITS.drawnAttackers} attackers` : null;
  return (
    <fieldset className="iv-group">
      <legend>Attacker</legend>
      <p className="iv-note">Steal copies a browser&rsquo;s cookies and tokens to {ATTACKER_ID}; tamper edits them in the browser itself.</p>
      {victims.map((c) => (
        <VictimRow key={c.id} clientId={c.id} modes={model.modes} stealRefused={stealRefused} />
      ))}
      <div className="iv-row">
        {attackers.length === 0 ? (
          <ActionButton action={{ type: 'request', clientId: ATTACKER_ID }} label="Attacker replays" reason="Steal a credential first" tone="attack">
            Attacker replays
          </ActionButton>
        ) : (
          attackers.map((a) => (
            <ActionButton key={a.id} action={{ type: 'request', clientId: a.id }} label={`Attacker ${a.id} replays`} tone="attack">
              {a.id} replays
            </ActionButton>
          ))
        )}
      </div>
    </fieldset>
  );
}
