// Where the two worlds' outcomes differ, request by request: both run the same seeded script, so
// a request sent by the same client at the same moment is the same user action in both.
import type { RequestRecord } from '../sim/types';
import { VIRTUAL_EPOCH_MS } from '../sim/world';
import type { WorldSnapshot } from './snapshot';

export interface OutcomeDiff {
  requestId: number;
  text: string;
}

const outcome = (r: RequestRecord) => (r.reason === 'ok' ? `${r.status} ok` : r.reason === 'timeout' ? 'timed out' : `${r.status} ${r.reason}`);

function jwtNote(r: RequestRecord): string {
  if (r.reason !== 'ok' || !r.claims || r.decidedAtMs === null) return '';
  const left = Number(r.claims.exp) - (VIRTUAL_EPOCH_MS + r.decidedAtMs) / 1000;
  return ` - token valid for ${Math.max(0, Math.round(left))} s more`;
}

export function outcomeDiffs(session: WorldSnapshot, jwt: WorldSnapshot, limit = 6): OutcomeDiff[] {
  // Pair by who sent what when: ids drift once one world sends extra requests (token refreshes).
  const key = (r: RequestRecord) => `${r.clientId}|${r.kind}|${r.sentAtMs}`;
  const jwtByKey = new Map(jwt.requests.filter((r) => r.stage === 'done').map((r) => [key(r), r]));
  const diffs: OutcomeDiff[] = [];
  for (const s of session.requests) {
    const j = jwtByKey.get(key(s));
    if (!j || s.stage !== 'done' || s.reason === j.reason) continue;
    diffs.push({ requestId: s.id, text: `request ${s.id} (${s.method} ${s.path}): session ${outcome(s)}, JWT ${outcome(j)}${jwtNote(j)}` });
  }
  return diffs.slice(-limit);
}
