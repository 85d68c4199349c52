// The shared store: the one place a session (or a denylisted jti) lives, so it is also the
// one place every request must ask. Its health is the cluster's health in session mode.

import type { WorldSnapshot } from '../../store/snapshot';
import { clockTime } from '../../format';
import { Facts, TableWrap, Verdict } from './Facts';
import { shorten } from './format';
import { SessionTable } from './SessionTable';
import { holdsBackInferences } from '../../store/selectors';
import { useApp } from '../storeContext';

function storeStatus(store: WorldSnapshot['store']) {
  if (!store.up) return <Verdict ok={false}>down</Verdict>;
  if (store.slowFactor > 1) return <Verdict ok={false}>slow ×{store.slowFactor}</Verdict>;
  return <Verdict ok>up</Verdict>;
}

/** `holdsBack`: a question waits, and whether a server asks the store may be its answer (store-outage's is). */
function Denylist({ world, holdsBack }: { world: WorldSnapshot; holdsBack: boolean }) {
  if (!world.options.denylist) {
    return <p className="insp-muted">{holdsBack ? 'What this store does for the JWT world is told after your prediction.' : 'The denylist is off: no server asks the store about a token.'}</p>;
  }
  const { denylist: list, revokedUsers } = world.store;
  return (
    <TableWrap label="Denylist, scrollable">
      <table className="insp-table">
        <caption>Denylist (revoked token ids, and users logged out everywhere or banned)</caption>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">Refuses</th>
            <th scope="col">Dropped at</th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.jti}>
              <th scope="row" className="insp-mono" title={d.jti}>
                jti {shorten(d.jti, 8)}
              </th>
              <td>this token</td>
              <td>{clockTime(d.expMs)} (its exp)</td>
            </tr>
          ))}
          {revokedUsers.map((u) => (
            <tr key={u.userId}>
              <th scope="row">user {u.userId}</th>
              <td>their tokens with an iat up to {clockTime(u.cutOffMs, 1)}</td>
              <td>kept</td>
            </tr>
          ))}
          {list.length + revokedUsers.length === 0 && (
            <tr>
              <td colSpan={3} className="insp-muted">
                Empty.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function StoreInspector({ world }: { world: WorldSnapshot }) {
  const holdsBack = useApp(holdsBackInferences);
  const { store, options } = world;
  const local = world.mode === 'session' && options.sessionStorage === 'local';
  return (
    <div className="insp-store">
      <Facts
        label="Store status"
        items={[
          ['Status', storeStatus(store)],
          ['Queued operations', store.queued],
          ['Operations so far', store.ops],
        ]}
      />
      {local && <p className="insp-lesson">Sessions live in each server&rsquo;s own memory in this setup, not here: open a server to see its sessions.</p>}
      {world.mode === 'session' ? (
        <SessionTable sessions={store.sessions} caption="Sessions in the store" />
      ) : (
        <>
          <h3>Denylist</h3>
          <Denylist world={world} holdsBack={holdsBack} />
          <p>
            Refresh-token families: {store.refreshFamilies} ({store.revokedFamilies} revoked).
          </p>
        </>
      )}
    </div>
  );
}
