import { render } from '@testing-library/react';
import type { Mode } from '../../../src/sim/types';
import { createAppStore } from '../../../src/store/createAppStore';
import { Stage } from '../../../src/ui/stage/Stage';
import { AppStoreProvider } from '../../../src/ui/storeContext';

/** A lesson loaded, questions off, sought to `atMs`, and the stage of its world `mode` drawn alone. */
export async function renderStageAt(scenarioId: string, mode: Mode, atMs: number) {
  const store = createAppStore({ scenarioId, view: mode, questionsOn: false });
  await store.getState().load();
  await store.player.seek(atMs);
  const { container } = render(
    <AppStoreProvider store={store}>
      <Stage mode={mode} />
    </AppStoreProvider>,
  );
  return { store, container };
}
