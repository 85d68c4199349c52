import { useId, type ReactNode } from 'react';
import type { Mode } from '../../sim/types';
import { ChoiceSelect } from './ChoiceSelect';
import { ALG_CHOICES, DELIVERY_CHOICES, FAIL_MODE_CHOICES, formatDuration, LB_CHOICES, STORAGE_CHOICES, TOLERANCE_CHOICES, TTL_CHOICES, withCurrent } from './choices';
import { Reason } from './Reason';
import { Toggle } from './Toggle';
import { useIntervene, type LiveOptions, type PanelModel } from './model';
import { SCHEME_WORDS } from '../../sim/schemes/names';

/** What a control of a sub-group needs: whether it is usable and the id of the reason if not. */
interface GroupState {
  disabled: boolean;
  describedBy: string | undefined;
}

/** Settings that only matter in one mode; disabled, with the reason shown once, when that world is not loaded. */
function ModeGroup({ title, mode, modes, children }: { title: string; mode: Mode; modes: Mode[]; children: (g: GroupState) => ReactNode }) {
  const reasonId = useId();
  const disabled = !modes.includes(mode);
  return (
    <fieldset className="iv-subgroup">
      <legend>{title}</legend>
      {disabled && <Reason id={reasonId}>{`${SCHEME_WORDS[mode].name} only: no ${SCHEME_WORDS[mode].world} is loaded`}</Reason>}
      <div className="iv-fields">{children({ disabled, describedBy: disabled ? reasonId : undefined })}</div>
    </fieldset>
  );
}

/** Live settings: each change is a `setOptions` action, applied to every loaded world. */
export function SettingsFieldset({ model }: { model: PanelModel }) {
  const intervene = useIntervene();
  const o = model.settings;
  const set = (patch: Partial<LiveOptions>) => intervene({ type: 'setOptions', patch });
  return (
    <fieldset className="iv-group">
      <legend>Settings</legend>
      <div className="iv-fields">
        <ChoiceSelect label="Load-balancer policy" value={o.lbPolicy} choices={LB_CHOICES} onPick={(lbPolicy) => set({ lbPolicy })} />
      </div>
      <ModeGroup title="Sessions" mode="session" modes={model.modes}>
        {(g) => <ChoiceSelect label="Session storage" value={o.sessionStorage} choices={STORAGE_CHOICES} onPick={(sessionStorage) => set({ sessionStorage })} {...g} />}
      </ModeGroup>
      <ModeGroup title="Tokens" mode="jwt" modes={model.modes}>
        {(g) => (
          <>
            <ChoiceSelect label="Token lifetime" value={o.tokenTtlMs} choices={withCurrent(TTL_CHOICES, o.tokenTtlMs, formatDuration)} onPick={(tokenTtlMs) => set({ tokenTtlMs })} {...g} />
            <ChoiceSelect label="Clock tolerance" value={o.clockToleranceMs} choices={withCurrent(TOLERANCE_CHOICES, o.clockToleranceMs, formatDuration)} onPick={(clockToleranceMs) => set({ clockToleranceMs })} {...g} />
            <ChoiceSelect label="Algorithm" value={o.alg} choices={ALG_CHOICES} onPick={(alg) => set({ alg })} {...g} />
            <ChoiceSelect label="Delivery" value={o.delivery} choices={DELIVERY_CHOICES} onPick={(delivery) => set({ delivery })} {...g} />
            <Toggle label="Refresh tokens" checked={o.refreshTokens} onToggle={(refreshTokens) => set({ refreshTokens })} {...g} />
            <Toggle label="Denylist" checked={o.denylist} onToggle={(denylist) => set({ denylist })} {...g} />
            <ChoiceSelect label="Denylist fail mode" value={o.denylistFailMode} choices={FAIL_MODE_CHOICES} onPick={(denylistFailMode) => set({ denylistFailMode })} {...g} />
          </>
        )}
      </ModeGroup>
    </fieldset>
  );
}
