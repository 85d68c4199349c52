// Shared by the node tests: run a scripted cluster through the real driver (real crypto) and
// read back the requests it made.
import { SimDriver } from '../../../src/sim/driver';
import { withOptions } from '../../../src/sim/options';
import type { Action, RequestRecord, SimOptions, SimState } from '../../../src/sim/types';

export type Script = [atMs: number, action: Action][];

export async function run(patch: Partial<SimOptions>, script: Script, untilMs: number): Promise<SimDriver> {
  const driver = await SimDriver.create(withOptions({ logCapacity: 100_000, recentRequestsCapacity: 100_000, ...patch }));
  for (const [atMs, action] of script) driver.dispatch(action, atMs);
  await driver.runUntil(untilMs);
  return driver;
}

/** Finished requests in the order they were sent, of one client (or all) and one kind (or all). */
export const requestsOf = (s: SimState, clientId?: string, kind?: RequestRecord['kind']): RequestRecord[] =>
  s.recent.filter((r) => (clientId === undefined || r.clientId === clientId) && (kind === undefined || r.kind === kind)).sort((a, b) => a.id - b.id);

export const reasons = (rs: RequestRecord[]) => rs.map((r) => r.reason);
