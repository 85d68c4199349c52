import type { Ref } from 'react';
import { WORLD_LABEL } from '../../store/lesson';
import type { WorldToggleState } from '../useShownWorlds';

/** Which world is drawn, when only one fits: the caption still speaks for both. `hidden`: kept in place unseen while both fit. */
export function WorldToggle({ toggle, labelled = false, hidden, ref }: { toggle: WorldToggleState; labelled?: boolean; hidden?: boolean; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="world-toggle" role="group" aria-label="World shown" hidden={hidden} ref={ref}>
      {labelled && (
        <span className="world-toggle-label" aria-hidden="true">
          World shown:
        </span>
      )}
      {toggle.modes.map((mode) => (
        <button key={mode} type="button" aria-pressed={toggle.shown === mode} onClick={() => toggle.show(mode)}>
          {WORLD_LABEL[mode]}
        </button>
      ))}
    </div>
  );
}
