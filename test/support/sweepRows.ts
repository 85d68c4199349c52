// A sweep row of given throughput, the other figures following from it: for tests of what the lab draws from rows.
import type { SweepRow } from '../../src/lab/sweep';
import type { Mode } from '../../src/sim/types';

export function row(mode: Mode, servers: number, throughputRps: number): SweepRow {
  return {
    mode,
    servers,
    requests: 1000,
    offeredRps: 500,
    throughputRps,
    latencyMs: { p50: 100 + servers, p99: 180 + servers },
    storeOpsPerSec: mode === 'session' ? throughputRps : 0,
    storeUtilisation: mode === 'session' ? throughputRps / 1000 : 0,
    signatureVerificationsPerSec: mode === 'jwt' ? throughputRps : 0,
    verifyCpuMsPerSec: mode === 'jwt' ? throughputRps * 0.18 : 0,
    serverCpuUtilisation: 0.5,
    byReason: { ok: throughputRps * 2, ...(servers === 1 ? { timeout: 40 } : {}) },
    requestBytesMean: mode === 'session' ? 117 : 435,
    wireBytesPerSec: mode === 'session' ? 58_500 : 217_500,
    verifications: { real: mode === 'jwt' ? 16 : 0, modelled: mode === 'jwt' ? 984 : 0, mismatches: 0 },
    signedOutSkipsPerSec: 0,
    windowMs: 2000,
  };
}
