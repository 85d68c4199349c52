import { useEffect, useState } from 'react';
import { findScenario } from '../scenarios';
import { runScenarioMode } from '../scenarios/run';
import { clock } from '../sim/world';
import type { LogEntry, Mode } from '../sim/types';

interface ModeLog {
  mode: Mode;
  entries: LogEntry[];
}

/** First page: runs the `basic` scenario in both modes and shows each event log as text. */
export function App() {
  const [logs, setLogs] = useState<ModeLog[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const scenario = findScenario('basic')!;
    Promise.all(scenario.modes.map(async (mode) => ({ mode, entries: (await runScenarioMode(scenario, mode)).driver.state.log.entries })))
      .then(setLogs)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <main>
      <h1>Sessions vs JWT: the basic flows</h1>
      {error && <p role="alert">The simulation failed: {error}</p>}
      {!logs && !error && <p>Running the simulation…</p>}
      <div className="columns">
        {logs?.map(({ mode, entries }) => (
          <section key={mode} aria-labelledby={`h-${mode}`}>
            <h2 id={`h-${mode}`}>{mode === 'session' ? 'Session + cookie' : 'JWT'}</h2>
            <ol role="log" aria-label={`${mode} event log`}>
              {entries.map((e) => (
                <li key={e.seq} className={e.ok === false ? 'bad' : undefined}>
                  <time>{clock(e.timeMs)}</time> {e.text}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </main>
  );
}
