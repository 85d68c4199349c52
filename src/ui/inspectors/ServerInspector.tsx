// One app server: its health, its clock (skew matters for exp checks), what it has done, the
// keys it has cached and its last authentication check.
import { describeReason } from '../../reasons';
import { isHeldSecret } from '../../sim/nodes/keySet';
import type { AppServer, Mode } from '../../sim/types';
import type { WorldSnapshot } from '../../store/snapshot';
import type { Selection } from '../../store/createAppStore';
import { Facts, Verdict } from './Facts';
import { clockTime } from '../../format';
import { seconds } from '../../formatSpans';
import { virtualIso } from './format';
import { SessionTable } from './SessionTable';

function JwksCache({ server, world, timeMs }: { server: AppServer; world: WorldSnapshot; timeMs: number }) {
  const { kids, fetchedAtMs } = server.jwksCache;
  const refresh = world.options.jwksRefreshMs;
  const age = fetchedAtMs === null ? null : timeMs - fetchedAtMs;
  // An HS256 secret is given to every server (never published, never fetched): held beside the cache.
  const secrets = world.keys.keys.filter(isHeldSecret).map((k) => k.kid);
  return (
    <Facts
      label="Key cache"
      items={[
        ...(secrets.length ? [['HS256 secret', `${secrets.join(', ')}: given to every server, never fetched`] as [string, string]] : []),
        ['Cached kids', kids.length ? kids.join(', ') : 'none cached'],
        ['Fetched at', fetchedAtMs === null ? 'never' : clockTime(fetchedAtMs)],
        ['Age', age === null ? '—' : `${seconds(age)} of ${seconds(refresh)} before it may refetch${age >= refresh ? ' (stale: an unknown kid triggers a fetch)' : ''}`],
      ]}
    />
  );
}

function LastCheck({ server, mode, onOpen }: { server: AppServer; mode: Mode; onOpen: (s: Selection) => void }) {
  const c = server.lastCheck;
  if (!c) return <>none yet</>;
  return (
    <>
      {c.kind} at {clockTime(c.atMs)}: <Verdict ok={c.ok}>{c.ok ? 'passed' : `${c.reason}, ${describeReason(c.reason)}`}</Verdict>, for{' '}
      <button type="button" className="insp-link" onClick={() => onOpen({ kind: 'request', mode, requestId: c.requestId })}>
        request #{c.requestId}
      </button>
    </>
  );
}

export function ServerInspector({ world, serverId, timeMs, onOpen }: { world: WorldSnapshot; serverId: string; timeMs: number; onOpen: (s: Selection) => void }) {
  const server = world.servers.find((s) => s.id === serverId);
  // Not here at this moment: removed, or (after a seek back) not added yet.
  if (!server) return <p className="insp-gone">{serverId} is not part of this cluster at this moment: it was removed, or is not added yet.</p>;
  const local = Object.values(server.localSessions);
  const skewed = timeMs + server.skewMs;
  return (
    <div className="insp-server">
      <Facts
        label="Server"
        items={[
          ['Status', <Verdict key="s" ok={server.up}>{server.up ? 'up' : 'down'}</Verdict>],
          ['Clock skew', `${server.skewMs >= 0 ? '+' : ''}${seconds(server.skewMs)}`],
          ['Its clock now', <time key="c" dateTime={virtualIso(skewed)}>{`${clockTime(skewed)} (${virtualIso(skewed)})`}</time>],
          ['Booted at', clockTime(server.bootedAtMs)],
          ['In flight', server.inFlight],
          ['Handled', server.handled],
          ['Store lookups', server.storeLookups],
          ['Signature verifications', server.signatureVerifications],
          ['Last check', <LastCheck key="l" server={server} mode={world.mode} onOpen={onOpen} />],
        ]}
      />
      {local.length > 0 && <SessionTable sessions={local} caption={`Sessions in ${server.id}'s memory`} />}
      {world.mode === 'jwt' && (
        <>
          <h3>Key cache (JWKS)</h3>
          <JwksCache server={server} world={world} timeMs={timeMs} />
        </>
      )}
    </div>
  );
}
