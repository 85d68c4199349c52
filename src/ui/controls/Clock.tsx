import { clockTime } from '../../format';
import { useApp } from '../storeContext';

const selectTime = (s: { timeMs: number }) => s.timeMs;

/** The run's clock, the full app's and an embed's (whose captions count in seconds too: "from 10 s on"). */
export function Clock({ digits }: { digits?: number }) {
  return (
    <span className="time" role="timer" aria-label="Simulation time">
      {clockTime(useApp(selectTime), digits)}
    </span>
  );
}
