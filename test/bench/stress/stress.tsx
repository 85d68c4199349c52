// The real app, on a scenario with 200 browsers keeping requests in flight: the frame-pacing bench.
import { createRoot } from 'react-dom/client';
import { CATALOG } from '../../../src/scenarios/catalog';
import type { Scenario } from '../../../src/scenarios/scenario';
import { createAppStore } from '../../../src/store/createAppStore';
import { App } from '../../../src/ui/App';
import '../../../src/ui/app.css';

const CLIENTS = 200;
const ids = Array.from({ length: CLIENTS }, (_, i) => `user${i + 1}`);
const stress: Scenario = {
  id: 'bench-stress',
  title: 'Bench: 200 browsers',
  summary: 'Frame-pacing bench.',
  notice: '',
  modes: ['session'],
  seed: 1,
  options: () => ({ servers: 4, clients: ids.map((id) => ({ id, userId: id, kind: 'browser' as const })) }),
  timeline: () => ids.flatMap((id, i) => [
    { atMs: i * 0.5, action: { type: 'login' as const, clientId: id } },
    { atMs: 200 + i * 0.5, action: { type: 'traffic' as const, clientId: id, everyMs: 60, count: 100_000 } },
  ]),
  durationMs: 600_000,
  expect: () => [],
};
CATALOG.push({ id: stress.id, title: stress.title, notice: stress.notice, modes: stress.modes, load: async () => stress });
// Real time: ~3,300 requests a second keep about 300 messages in flight, as a busy cluster would.
const store = createAppStore({ scenarioId: stress.id, view: 'session', speed: 1 });
Object.assign(window, { __bench: store });
void store.getState().load();
createRoot(document.getElementById('root')!).render(<App store={store} />);
