// A JWT the way the good debuggers show it: the three coloured parts, the decoded JSON, the
// times as dates with a countdown in simulation time, and which servers would take it now.
import { byteLength, decodeJwtParts } from '../../auth/jwtText';
import { VIRTUAL_EPOCH_MS } from '../../sim/world';
import { selectTimeMs } from '../../store/selectors';
import type { WorldSnapshot } from '../../store/snapshot';
import { useApp } from '../storeContext';
import { Verdict } from './Facts';
import { expiresIn } from '../../formatSpans';
import { numericDateIso } from './format';
import { JsonText } from './JsonText';
import { predictAcceptance } from './predict';

const TIME_CLAIMS = ['iat', 'nbf', 'exp'] as const;

/** The compact form, each part in its theme colour; the legend repeats the colours in words. */
function EncodedToken({ parts }: { parts: [string, string, string] }) {
  return (
    <>
      <p className="insp-jwt-encoded" aria-label="Encoded token">
        <span className="insp-jwt-header">{parts[0]}</span>.<span className="insp-jwt-payload">{parts[1]}</span>.
        <span className="insp-jwt-signature">{parts[2]}</span>
      </p>
      <p className="insp-jwt-legend">
        <span className="insp-jwt-header">header</span> . <span className="insp-jwt-payload">payload</span> .{' '}
        <span className="insp-jwt-signature">signature</span>
      </p>
    </>
  );
}

/** "expires in 41.2 s" / "expired 3.0 s ago", against the simulation's clock (no skew). */
export function countdown(expSec: number, timeMs: number): string {
  return expiresIn(expSec * 1000 - (VIRTUAL_EPOCH_MS + timeMs));
}

function TokenTimes({ payload, timeMs }: { payload: Record<string, unknown>; timeMs: number }) {
  const present = TIME_CLAIMS.filter((c) => typeof payload[c] === 'number');
  if (present.length === 0) return <p className="insp-muted">This token carries no iat, nbf or exp claims: it never expires.</p>;
  return (
    <ul className="insp-jwt-times">
      {present.map((claim) => {
        const sec = payload[claim] as number;
        return (
          <li key={claim}>
            <code>{claim}</code> {sec} = <time dateTime={numericDateIso(sec)}>{numericDateIso(sec)}</time>
            {claim === 'exp' && (
              <>
                {' '}
                (<span className="insp-countdown">{countdown(sec, timeMs)}</span>)
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function AcceptedBy({ world, header, payload, timeMs }: { world: WorldSnapshot; header: Record<string, unknown>; payload: Record<string, unknown>; timeMs: number }) {
  const rows = predictAcceptance(world, header, payload, timeMs);
  return (
    <div className="insp-accepted">
      <h3>Accepted now by:</h3>
      <ul aria-label="Accepted now by">
        {rows.map((r) => (
          <li key={r.serverId}>
            <span className="insp-mono">{r.serverId}</span> <Verdict ok={r.ok}>{r.why}</Verdict>
          </li>
        ))}
      </ul>
      <p className="insp-muted">
        A prediction from what the servers know. The signature itself is verified by each server with real WebCrypto when a request arrives; this list only reads the
        snapshot.
      </p>
    </div>
  );
}

/** A decoded JWT; `world` (when given) adds the per-server prediction. */
export function JwtView({ token, world, title = 'JWT' }: { token: string; world?: WorldSnapshot; title?: string }) {
  const timeMs = useApp(selectTimeMs);
  const decoded = decodeJwtParts(token);
  return (
    <div className="insp-jwt">
      <h3>
        {title} <span className="insp-muted">({byteLength(token)} bytes)</span>
      </h3>
      {!decoded.ok ? (
        <>
          <p className="insp-jwt-encoded">{token}</p>
          <p className="insp-bad">This token cannot be decoded: {decoded.detail}</p>
        </>
      ) : (
        <>
          <EncodedToken parts={decoded.parts} />
          <h4 className="insp-jwt-header">Header</h4>
          <JsonText value={decoded.header} label="Header as JSON" />
          <h4 className="insp-jwt-payload">Payload</h4>
          <JsonText value={decoded.payload} label="Payload as JSON" />
          <p className="insp-muted">Anyone can read these two parts: they are only base64url, not encrypted.</p>
          <TokenTimes payload={decoded.payload} timeMs={timeMs} />
          {world && <AcceptedBy world={world} header={decoded.header} payload={decoded.payload} timeMs={timeMs} />}
        </>
      )}
    </div>
  );
}
