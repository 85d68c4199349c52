import type { FormEvent, ReactNode } from 'react';
import { ALGS, type Alg } from '../../auth/alg';
import { SWEEP_LIMITS, type SweepParse } from '../../lab/settings';
import { MODES, SCHEME_WORDS } from '../../sim/schemes/names';
import { CostField } from './CostField';
import { problemId } from './labWords';
import type { CostReading, LabForm, NumberKey } from './labForm';
import { NumberField } from './NumberField';

interface Props {
  form: LabForm;
  onChange: (form: LabForm) => void;
  measured: CostReading | undefined;
  /** The form through the gate: the boxes its problems name are marked invalid. */
  parsed: SweepParse;
  /** While a sweep runs, the settings it runs with stay as they are. */
  locked: boolean;
  onSubmit: () => void;
  /** The problems, Run and Cancel, the progress: below the fields, inside the form. */
  children: ReactNode;
}

const FIELDS: { key: NumberKey; label: string; hint: string; decimals?: boolean }[] = [
  { key: 'serversFrom', label: 'Servers from', hint: `${SWEEP_LIMITS.serversFrom.min} to ${SWEEP_LIMITS.serversFrom.max}` },
  { key: 'serversTo', label: 'Servers to', hint: `${SWEEP_LIMITS.serversTo.min} to ${SWEEP_LIMITS.serversTo.max}` },
  { key: 'users', label: 'Users', hint: `${SWEEP_LIMITS.users.min} to ${SWEEP_LIMITS.users.max}, each logged in` },
  { key: 'ratePerUser', label: 'Requests per user per second', hint: `${SWEEP_LIMITS.ratePerUser.min} to ${SWEEP_LIMITS.ratePerUser.max}`, decimals: true },
  { key: 'requests', label: 'Requests per row', hint: `${SWEEP_LIMITS.requests.min} to ${SWEEP_LIMITS.requests.max}, measured per row` },
  { key: 'storeCapacityOpsPerSec', label: 'Store capacity (ops/s)', hint: `${SWEEP_LIMITS.storeCapacityOpsPerSec.min} to ${SWEEP_LIMITS.storeCapacityOpsPerSec.max} operations a second`, decimals: true },
];

/** The sweep's settings: every box is judged as it changes, through the form's one gate. */
export function SweepForm({ form, onChange, measured, parsed, locked, onSubmit, children }: Props) {
  const set = <K extends keyof LabForm>(key: K, value: LabForm[K]) => onChange({ ...form, [key]: value });
  // The sentence in the list under the form that names a box, read with the box (seen there, read here once).
  const problemOf = (key: NumberKey | 'modes' | 'verifyCostMs'): string | undefined => (parsed.ok || !parsed.fields[key] ? undefined : problemId(parsed.problems.indexOf(parsed.fields[key])));
  // Refused, Enter or Run goes to the first box named, which reads its problem: they did nothing and said nothing (a11y review).
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (parsed.ok) onSubmit();
    else e.currentTarget.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };
  const number = (key: NumberKey, label: string, hint: string, decimals = false) => (
    <NumberField key={key} id={`lab-${key}`} label={label} hint={hint} value={form[key]} onChange={(v) => set(key, v)} decimals={decimals} problemId={problemOf(key)} />
  );
  return (
    <form className="lab-form panel" onSubmit={submit} noValidate aria-labelledby="lab-form-title">
      <h2 id="lab-form-title">Sweep settings</h2>
      {/* A fieldset to lock the fields while a sweep runs, no group of its own: the form is named by its
          heading ("Sweep settings" was read three times with a legend), and unnamed it was read as "group" (a11y reviews). */}
      <fieldset className="lab-fields" disabled={locked} role="none">
        <fieldset className="lab-models">
          <legend>Models</legend>
          {MODES.map((mode) => (
            <label key={mode} className="lab-choice">
              <input type="checkbox" checked={form.modes.includes(mode)} aria-invalid={problemOf('modes') ? true : undefined} aria-describedby={problemOf('modes')} onChange={(e) => set('modes', MODES.filter((m) => (m === mode ? e.target.checked : form.modes.includes(m))))} />
              {SCHEME_WORDS[mode].name}
            </label>
          ))}
        </fieldset>
        <div className="lab-grid">
          {FIELDS.map((f) => number(f.key, f.label, f.hint, f.decimals))}
          <div className="lab-field">
            <label htmlFor="lab-alg">Token algorithm</label>
            <select id="lab-alg" value={form.alg} onChange={(e) => set('alg', e.target.value as Alg)} aria-describedby="lab-alg-hint">
              {ALGS.map((alg) => (
                <option key={alg} value={alg}>
                  {alg}
                </option>
              ))}
            </select>
            <span id="lab-alg-hint" className="lab-hint">
              How JWTs are signed
            </span>
          </div>
          {number('seed', 'Seed', `${SWEEP_LIMITS.seed.min} to ${SWEEP_LIMITS.seed.max}: same seed and check cost, same rows`)}
        </div>
        <div className="lab-toggles">
          <label className="lab-choice">
            <input type="checkbox" checked={form.denylist} onChange={(e) => set('denylist', e.target.checked)} />
            Denylist (JWT: every request also asks the store)
          </label>
          <label className="lab-choice">
            <input type="checkbox" checked={form.refreshTokens} onChange={(e) => set('refreshTokens', e.target.checked)} />
            Refresh tokens (JWT)
          </label>
        </div>
        <CostField source={form.costSource} alg={form.alg} measured={measured} onChange={(source) => set('costSource', source)} problemId={problemOf('verifyCostMs')} />
      </fieldset>
      {children}
    </form>
  );
}
