// One request: what it was, how it ended, its raw HTTP both ways with the credential marked,
// what the credential costs in bytes, and the JWT it carried.
import { describeReason } from '../../reasons';
import type { RequestRecord, RequestStage } from '../../sim/types';
import { requestText, responseText } from '../../sim/http';
import type { WorldSnapshot } from '../../store/snapshot';
import { requestJwt, requestMarker, responseJwt, responseMarker } from './credential';
import { Facts, Verdict } from './Facts';
import { clockTime } from '../../format';
import { millis, percent } from '../../formatSpans';
import { HttpText } from './HttpText';
import { JwtView } from './JwtView';

const STAGES: Record<RequestStage, string> = {
  'to-lb': 'travelling to the load balancer',
  'to-server': 'travelling to an app server',
  'session-lookup': 'the server is looking up the session in the store',
  'jwks-fetch': 'the server is fetching the key set',
  verify: 'the server is checking the signature',
  'denylist-check': 'the server is asking the denylist',
  'session-create': 'the server is writing a new session',
  sign: 'the server is signing a token',
  'refresh-rotate': 'the server is rotating the refresh token',
  'refresh-issue': 'the server is storing a refresh token',
  revoke: 'the server is revoking the credential',
  'to-client': 'the response is travelling back',
  done: 'done',
};

const CREDENTIALS = { session: 'a session cookie', jwt: 'a JWT', none: 'no credential' } as const;

function Outcome({ req }: { req: RequestRecord }) {
  if (req.status === null || req.reason === null) return <>pending</>;
  const detail = req.detail && req.detail !== describeReason(req.reason) ? ` (${req.detail})` : '';
  return (
    <Verdict ok={req.reason === 'ok'}>
      {req.status || 'no response'} <code>{req.reason}</code>: {describeReason(req.reason)}
      {detail}
    </Verdict>
  );
}

function timing(req: RequestRecord, timeMs: number): string {
  if (req.finishedAtMs !== null) return millis(req.finishedAtMs - req.sentAtMs);
  return `${millis(Math.max(0, timeMs - req.sentAtMs))} so far (in flight)`;
}

function ByteCounts({ req }: { req: RequestRecord }) {
  return (
    <p className="insp-bytes">
      Request <strong>{req.requestBytes} bytes</strong>, of which <strong>{req.credentialBytes} bytes</strong> carry the credential, its header&apos;s name included (
      {percent(req.credentialBytes, req.requestBytes)} of the request). Response <strong>{req.responseBytes} bytes</strong>.
    </p>
  );
}

export function RequestInspector({ world, requestId, timeMs }: { world: WorldSnapshot; requestId: number; timeMs: number }) {
  const req = world.requests.find((r) => r.id === requestId);
  if (!req) {
    return <p className="insp-gone">Request #{requestId} is no longer shown: only the most recent finished requests are kept in view.</p>;
  }
  // The raw text is written here, where it is looked at: the engine keeps a message's parts.
  const sent = requestText(req.httpRequest);
  const answer = req.httpResponse ? responseText(req.httpResponse) : null;
  const carried = requestJwt(sent);
  const issued = carried === null && answer ? responseJwt(answer) : null;
  return (
    <div className="insp-request">
      <Facts
        label="Request"
        items={[
          ['Request', <code key="m">{`${req.method} ${req.path}`}</code>],
          ['Client', req.clientId],
          ['Server', req.serverId ?? 'not assigned yet'],
          ['Carries', CREDENTIALS[req.credential]],
          ['Status', <Outcome key="o" req={req} />],
          ['Stage', STAGES[req.stage]],
          ['Sent at', clockTime(req.sentAtMs)],
          ['Decided at', req.decidedAtMs === null ? 'not yet' : clockTime(req.decidedAtMs)],
          ['Latency', timing(req, timeMs)],
        ]}
      />
      <ByteCounts req={req} />
      <h3>Request as sent</h3>
      <HttpText text={sent} label="Raw HTTP request" marker={requestMarker(sent, req.credential, req.credentialBytes)} />
      {req.credentialBytes > 0 && <p className="insp-muted">The highlighted line is the credential the browser attached: it travels with every request.</p>}
      <h3>Response</h3>
      {answer ? (
        <HttpText text={answer} label="Raw HTTP response" marker={responseMarker} />
      ) : (
        <p className="insp-muted">No response yet.</p>
      )}
      {carried !== null && <JwtView token={carried} world={world} title="The JWT this request carries" />}
      {issued !== null && <JwtView token={issued} world={world} title="The JWT this response issues" />}
    </div>
  );
}
