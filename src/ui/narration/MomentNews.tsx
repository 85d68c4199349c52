import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LogEntry, Mode } from '../../sim/types';
import type { AppStoreState } from '../../store/createAppStore';
import { WORLD_LABEL } from '../../store/lesson';
import { modesFromKey, shownModes } from '../../store/selectors';
import { useApp } from '../storeContext';

/** More new lines than this at once (a seek, a burst) are told by the moment's summary instead. */
export const MOST_LINES_SAID = 6;

const selectLogs = (s: AppStoreState) => ({ session: s.worlds.session?.log, jwt: s.worlds.jwt?.log, modesKey: shownModes(s).join(' '), playing: s.playing });

const sameLine = (a: LogEntry, b: LogEntry) => a.seq === b.seq && a.timeMs === b.timeMs && a.text === b.text;

/** The lines logged after `last`; null where the log no longer holds it (a seek back, a reload, a burst past its window). */
function linesSince(log: readonly LogEntry[], last: LogEntry | undefined): readonly LogEntry[] | null {
  if (!last) return log.length ? null : [];
  for (let i = log.length - 1; i >= 0; i--) if (sameLine(log[i]!, last)) return log.slice(i + 1);
  return null;
}

/** What the new lines say, each world's named when both are shown (said once when they are the same). */
function newsOf(fresh: { mode: Mode; lines: readonly LogEntry[] }[]): string {
  const told = fresh.filter((f) => f.lines.length).map((f) => ({ mode: f.mode, text: f.lines.map((e) => e.text).join(' ') }));
  if (fresh.length === 1) return told[0]?.text ?? '';
  if (told.length === 2 && told[0]!.text === told[1]!.text) return `Both worlds: ${told[0]!.text}`;
  return told.map((t) => `${WORLD_LABEL[t.mode]}: ${t.text}`).join(' ');
}

/**
 * What a screen reader hears of a paused moment, the one voice of it (the event logs are silent):
 * after a Step or an intervention, every line it logged, naming the worlds (a key fetch, another
 * node's refusal: the caption's "what just happened" follows the node its caption is about); after
 * a jump, or a burst of more than MOST_LINES_SAID lines, that summary (`summary`). `fixed`: what
 * stands instead (the end, a prediction pending). Silent while playing: the lesson line speaks.
 */
export function MomentNews({ summary, fixed }: { summary: string; fixed: string | null }) {
  const { session, jwt, modesKey, playing } = useApp(useShallow(selectLogs));
  const seen = useRef<Partial<Record<Mode, LogEntry>>>({});
  const region = useRef<HTMLParagraphElement>(null);
  // Written into the live region after the moment is drawn: what changes is said, what stays is not said again.
  useEffect(() => {
    const logs = { session, jwt };
    const modes = modesFromKey(modesKey);
    const fresh = modes.map((mode) => ({ mode, lines: linesSince(logs[mode] ?? [], seen.current[mode]) }));
    for (const mode of modes) seen.current[mode] = logs[mode]?.at(-1);
    const count = fresh.reduce((n, f) => n + (f.lines?.length ?? MOST_LINES_SAID + 1), 0);
    const news = playing ? '' : fixed ?? (count > MOST_LINES_SAID ? summary : count > 0 ? newsOf(fresh as { mode: Mode; lines: readonly LogEntry[] }[]) : null);
    if (news !== null && region.current) region.current.textContent = news;
  }, [session, jwt, modesKey, playing, fixed, summary]);
  return <p ref={region} className="visually-hidden" aria-live={playing ? 'off' : 'polite'} aria-atomic="true" data-testid="moment-news" />;
}
