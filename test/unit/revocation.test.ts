import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { runScenario } from '../../src/scenarios/run';

describe('the revocation lesson in the RunReport', () => {
  it('session mode accepts nothing after the ban; JWT mode accepts until exp and reports the window', async () => {
    const report = await runScenario(findScenario('revocation')!, ['session', 'jwt'], 7);
    const [session, jwt] = report.runs;
    expect(session!.revocation).toMatchObject({ acceptedAfter: 0, exposureMs: 0 });
    // Tried, and refused: Alice's browser (and Bob's, after his logout everywhere) keeps sending a deleted session's id.
    expect(session!.revocation!.refusedAfter).toBe(session!.requests.byReason.session_unknown);
    expect(session!.revocation!.refusedAfter).toBeGreaterThan(0);
    expect(jwt!.revocation!.acceptedAfter).toBeGreaterThan(20);
    // Banned at 5 s, token lives 30 s: about 25 s of exposure, to the request.
    expect(jwt!.revocation!.exposureMs).toBeGreaterThan(23_000);
    expect(jwt!.revocation!.exposureMs).toBeLessThan(26_000);
    expect(jwt!.requests.byReason.token_expired).toBeGreaterThan(0);
    expect(session!.requests.byReason.session_unknown).toBeGreaterThan(30);
  });
});
