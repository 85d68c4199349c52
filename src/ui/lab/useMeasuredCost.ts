import { useEffect, useState } from 'react';
import type { Alg } from '../../auth/alg';
import { SweepCancelled, type SweepClient } from '../../lab/sweepClient';
import type { CostReading } from './labForm';

/**
 * The CPU cost of one `alg` check measured in this browser (real jose verifications in the lab's
 * worker), asked for when the form wants it: at start and whenever the algorithm changes. Each
 * algorithm is measured once a page; a measurement a cancel cut short is taken again.
 */
export function useMeasuredCost(client: SweepClient, alg: Alg, wanted: boolean): CostReading | undefined {
  const [readings, setReadings] = useState<Partial<Record<Alg, CostReading>>>({});
  const reading = readings[alg];
  useEffect(() => {
    if (!wanted || reading) return;
    setReadings((r) => ({ ...r, [alg]: { status: 'measuring' } }));
    client.measureVerifyMs(alg).then(
      (ms) => setReadings((r) => ({ ...r, [alg]: { status: 'measured', ms } })),
      (error: unknown) =>
        setReadings((r) => {
          const next = { ...r };
          if (error instanceof SweepCancelled) delete next[alg];
          else next[alg] = { status: 'failed', problem: error instanceof Error ? error.message : String(error) };
          return next;
        }),
    );
  }, [client, alg, wanted, reading]);
  return reading;
}
