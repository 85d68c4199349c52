import { render } from '@testing-library/react';
import type { Mode } from '../../../src/sim/types';
import { createAppStore } from '../../../src/store/createAppStore';
import { Stage } from '../../../src/ui/stage/Stage';
import { AppStoreProvider } from '../../../src/ui/storeContext';

/**
 * A lesson loaded, sought to `atMs`, and the stage of its world `mode` drawn alone: questions off and
 * that world alone on screen, unless `app` says otherwise (a question about both worlds needs both).
 */
export async function renderStageAt(scenarioId: string, mode: Mode, atMs: number, app: { view?: Mode | 'both'; questionsOn?: boolean } = {}) {
  const store = createAppStore({ scenarioId, view: app.view ?? mode, questionsOn: app.questionsOn ?? false });
  await store.getState().load();
  await store.player.seek(atMs);
  const { container } = render(
    <AppStoreProvider store={store}>
      <Stage mode={mode} />
    </AppStoreProvider>,
  );
  return { store, container };
}
