// The key set (JWKS): which key signs now and what each published key looks like. Public keys
// are safe to publish; an HS256 secret is not, which is the point of showing it missing.
import type { KeyInfo } from '../../sim/types';
import { clockTime } from '../../format';
import type { WorldSnapshot } from '../../store/snapshot';
import { Facts } from './Facts';
import { JsonText } from './JsonText';
import type { Mode } from '../../sim/schemes/names';

function KeyCard({ k, active }: { k: KeyInfo; active: boolean }) {
  return (
    <li className="insp-key">
      <h3>
        <span className="insp-mono">{k.kid}</span> {active && <span className="insp-badge">signing now</span>}
      </h3>
      <Facts
        label={`Key ${k.kid}`}
        items={[
          ['Algorithm', k.alg],
          ['Created at', clockTime(k.createdAtMs)],
          ['Ready', k.ready ? 'yes' : 'no, still being generated'],
        ]}
      />
      {k.publicJwk ? (
        <JsonText value={k.publicJwk} label={`Public JWK of ${k.kid}`} />
      ) : (
        <p className="insp-lesson">HS256: secret provisioned to each server, nothing public. The key set publishes nothing for it, and every server that verifies with it could also sign.</p>
      )}
    </li>
  );
}

/** An empty key set, per model: nothing to sign, or nothing signed yet. */
const NO_KEYS: Record<Mode, string> = {
  session: 'Sessions need no signing keys: the key set is empty in this world.',
  jwt: 'No key has been created yet.',
};

export function KeysInspector({ world }: { world: WorldSnapshot }) {
  const { activeKid, keys } = world.keys;
  if (keys.length === 0) {
    return <p className="insp-muted">{NO_KEYS[world.mode]}</p>;
  }
  return (
    <div className="insp-keys">
      <p>
        Active kid: <strong className="insp-mono">{activeKid ?? 'none'}</strong>
      </p>
      <ul className="insp-key-list">
        {keys.map((k) => (
          <KeyCard key={k.kid} k={k} active={k.kid === activeKid} />
        ))}
      </ul>
    </div>
  );
}
