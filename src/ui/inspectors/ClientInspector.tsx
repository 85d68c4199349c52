// A browser: its cookie jar (what the browser sends by itself) and its localStorage (what page
// scripts keep), side by side, because where a credential lives decides who can steal it.
import { COOKIE_NAME_VALUE_LIMIT_BYTES, type Cookie } from '../../auth/cookies';
import { clockTime, formatNumber } from '../../format';
import { VIRTUAL_EPOCH_MS } from '../../sim/world';
import type { WorldSnapshot } from '../../store/snapshot';
import type { DroppedCookie } from '../../sim/types';
import { TableWrap } from './Facts';
import { shorten } from './format';
import { JwtView } from './JwtView';
import { DROPPED_WHY, holdingOf } from '../stage/nodeStatus';
import { SCHEME_WORDS } from '../../sim/schemes/names';
import { predicting } from '../../store/selectors';
import { useApp } from '../storeContext';

/** Name + value bytes against the browser's limit, as a bar and as words. */
function SizeBar({ bytes }: { bytes: number }) {
  const share = Math.min(100, (bytes / COOKIE_NAME_VALUE_LIMIT_BYTES) * 100);
  return (
    <span className="insp-size">
      <span className="insp-size-bar" aria-hidden="true">
        <span style={{ width: `${share}%` }} className={share > 80 ? 'is-full' : undefined} />
      </span>
      {bytes} / {COOKIE_NAME_VALUE_LIMIT_BYTES} bytes
    </span>
  );
}

const yesNo = (on: boolean) => (on ? 'yes' : 'no');

/** Cookie expiry is stored in wall-looking ms; shown on the simulation clock. */
function Expiry({ cookie }: { cookie: Cookie }) {
  if (cookie.expiresAtMs === null) return <>session</>;
  return <time dateTime={new Date(cookie.expiresAtMs).toISOString()}>{clockTime(cookie.expiresAtMs - VIRTUAL_EPOCH_MS)}</time>;
}

function CookieJar({ cookies }: { cookies: Cookie[] }) {
  if (cookies.length === 0) return <p className="insp-muted">The cookie jar is empty.</p>;
  return (
    <TableWrap label="Cookie jar, scrollable">
      <table className="insp-table">
        <caption>Cookie jar</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Path</th>
            <th scope="col">Secure</th>
            <th scope="col">HttpOnly</th>
            <th scope="col">SameSite</th>
            <th scope="col">Expires</th>
            <th scope="col">Size</th>
          </tr>
        </thead>
        <tbody>
          {cookies.map((c) => (
            <tr key={`${c.name};${c.domain};${c.path}`}>
              <th scope="row" className="insp-mono">
                {c.name}
              </th>
              <td className="insp-mono" title={c.value}>
                {shorten(c.value)}
              </td>
              <td className="insp-mono">{c.path}</td>
              <td>{yesNo(c.secure)}</td>
              <td>{c.httpOnly ? 'HttpOnly' : 'no'}</td>
              <td>{c.sameSite}</td>
              <td>
                <Expiry cookie={c} />
              </td>
              <td>
                <SizeBar bytes={c.sizeBytes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function LocalStorage({ world, access, refresh }: { world: WorldSnapshot; access: string | null; refresh: string | null }) {
  if (access === null && refresh === null) return <p className="insp-muted">localStorage holds no tokens.</p>;
  return (
    <>
      {refresh !== null && (
        <p>
          Refresh token:{' '}
          <code className="insp-mono" title={refresh}>
            {shorten(refresh, 16)}
          </code>
        </p>
      )}
      {access !== null && <JwtView token={access} world={world} title="Access token (localStorage)" />}
    </>
  );
}

/** Why the browser holds nothing: the last cookie it was sent, refused (the event log has the whole rule). */
function DroppedWhy({ dropped }: { dropped: DroppedCookie }) {
  const why = dropped.bytes === null ? DROPPED_WHY[dropped.reason] : `its name and value are ${formatNumber(dropped.bytes)} bytes, over the ${COOKIE_NAME_VALUE_LIMIT_BYTES}-byte limit`;
  return <>; the last cookie sent to it, {dropped.name || 'one without a name'}, was silently dropped: {why}</>;
}

export function ClientInspector({ world, clientId }: { world: WorldSnapshot; clientId: string }) {
  const holdsBack = useApp(predicting);
  const client = world.clients.find((c) => c.id === clientId);
  if (!client) return <p className="insp-gone">There is no client called {clientId} in this world at this moment: it is gone, or not here yet.</p>;
  // The same reading as the node on the stage: logged in only while it holds a credential.
  // Under a question, as the node says it (stale-claims' "still says admin" is its answer's wording).
  const held = holdingOf(world, clientId, holdsBack);
  const who = client.kind === 'attacker' ? 'An attacker\u2019s client' : 'A browser';
  return (
    <div className="insp-client">
      <p>
        {held.kind === 'none' ? (
          <>
            {who} of <strong>{client.userId}</strong>, not logged in: it holds no session cookie and no token
            {client.cookieDropped ? <DroppedWhy dropped={client.cookieDropped} /> : ''}
            {client.loginNeeded ? '; its refresh was refused, so its app shows the login form, and its steady traffic waits for a login' : ''}
          </>
        ) : (
          <>
            {who} holding {SCHEME_WORDS[held.kind].credential} of <strong>{client.userId}</strong> ({held.text})
          </>
        )}
        {client.refreshing ? ', refreshing its token now' : ''}.
      </p>
      <p className="insp-lesson">
        HttpOnly cookies are invisible to page scripts; localStorage is readable by any script on the page, so one XSS bug can read a token kept there.
      </p>
      <h3>Cookies</h3>
      <CookieJar cookies={client.jar.cookies} />
      <h3>localStorage</h3>
      <LocalStorage world={world} access={client.storage.accessToken} refresh={client.storage.refreshToken} />
    </div>
  );
}
