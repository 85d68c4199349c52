import type { Alg } from '../../auth/alg';
import { referenceCostMs } from '../../lab/settings';
import type { CostReading, CostSource } from './labForm';
import { measuredText, referenceText } from './labWords';

interface Props {
  source: CostSource;
  alg: Alg;
  measured: CostReading | undefined;
  onChange: (source: CostSource) => void;
  /** The sentence saying why no cost can be used yet (in the list under the form), read with the measured choice. */
  problemId: string | undefined;
}

/** Where a signature check's CPU cost comes from, and the figure it gives for the chosen algorithm. */
export function CostField({ source, alg, measured, onChange, problemId }: Props) {
  const figure =
    source === 'reference'
      ? referenceText(alg, referenceCostMs(alg))
      : !measured || measured.status === 'measuring'
        ? `Measuring the ${alg} check in this browser…`
        : measured.status === 'failed'
          ? `The ${alg} check could not be measured here.`
          : measuredText(alg, measured.ms);
  return (
    <fieldset className="lab-cost" aria-describedby="lab-cost-figure">
      <legend>Signature check cost</legend>
      <label className="lab-choice">
        <input type="radio" name="lab-cost" value="measured" checked={source === 'measured'} onChange={() => onChange('measured')} aria-invalid={problemId ? true : undefined} aria-describedby={problemId} />
        Measured in this browser
      </label>
      <label className="lab-choice">
        <input type="radio" name="lab-cost" value="reference" checked={source === 'reference'} onChange={() => onChange('reference')} />
        Reference laptop
      </label>
      <p id="lab-cost-figure" className="lab-cost-figure" aria-live="polite">
        {figure}
      </p>
    </fieldset>
  );
}
