// The host page API: when the simulator runs in a frame, it tells the page around it what the
// lesson does (ready, size, captions, questions, completion) and takes a few commands from it.
// Only window.parent is listened to; every command is validated by parseCommand first.
import type { AppStore, View } from '../store/createAppStore';
import { MAX_KEPT, takeEarlyMessages } from './earlyMessages';
import { watchLesson } from './lessonEvents';
import { SCHEME_WORDS } from '../sim/schemes/names';
import type { Mode } from '../sim/types';
import { parseCommand, type Command, type OutMessage } from './messages';

export interface HostWindows {
  /** This document's window (where messages arrive). */
  self: Window;
  /** The page around the frame; the only sender whose commands count. */
  parent: Window;
  /** The element whose height the host should give the frame. */
  content: Element;
  warn?: (message: string) => void;
}

/** The frame's content height, rounded up to a whole CSS pixel. */
const contentHeight = (content: Element) => Math.ceil(content.getBoundingClientRect().height);

export function connectHost(store: AppStore, { self, parent, content, warn = console.warn }: HostWindows): () => void {
  // The page around us is unknown (any course site), so '*': nothing posted is secret.
  const post = (message: OutMessage) => parent.postMessage(message, '*');
  // Commands that arrive while a lesson loads wait for it (a host may send play right after load).
  let waiting: Command[] = [];
  const obey = (command: Command) => {
    if (command.type === 'authsim:load') {
      waiting = []; // meant for the lesson being replaced
      void run(store, command, warn);
    } else if (store.getState().status === 'ready') void run(store, command, warn);
    // Only the last seek matters: a host's scrubber sent 20 during a load, and its final one was dropped.
    else if (command.type === 'authsim:seek') waiting = [...waiting.filter((c) => c.type !== 'authsim:seek'), command];
    else if (waiting.length < MAX_WAITING) waiting.push(command);
    else warn(`authsim: ignored ${command.type}: the lesson is still loading and ${MAX_WAITING} commands already wait for it.`);
  };
  const stopWatching = watchLesson(store, {
    ready: (scenario, mode, { title, notice }) => {
      post({ type: 'authsim:ready', scenario, mode, title, notice });
      const queued = waiting;
      waiting = [];
      void queued.reduce((done, command) => done.then(() => run(store, command, warn)), Promise.resolve());
    },
    caption: (text, timeMs) => post({ type: 'authsim:caption', text, timeMs: Math.round(timeMs) }),
    question: (id, text, choices) => post({ type: 'authsim:question', id, text, choices }),
    answer: (a) => post({ type: 'authsim:answer', id: a.id, choice: a.choiceId, correct: a.correct }),
    complete: (scenario, mode, summary, score) => post({ type: 'authsim:complete', scenario, mode, summary, score }),
  });

  const stopSizing = reportSize(content, post, () => store.getState().playing);
  const stopListening = listenToParent({ self, parent, warn }, obey);
  return () => {
    stopWatching();
    stopSizing();
    stopListening();
  };
}

/**
 * A smaller height is told once it has held this long with the lesson paused, or SHRINK_HOLD_PLAYING_MS
 * while it plays: a comparison table's row loses a line when no request is on its way and gets it back
 * with the next, and a host following each height made the course page under the frame jump 18 px,
 * back and forth, as the lesson played (teacher review). Bounded, so a lesson loaded and played at
 * once does not keep the last one's height throughout (code review).
 */
export const SHRINK_HOLD_MS = 1_000;
export const SHRINK_HOLD_PLAYING_MS = 10_000;

/** Tells the host the content's height now and whenever it grows, or shrinks for good (`playing`: not yet), so it can fit the frame to it. */
export function reportSize(content: Element, post: (message: OutMessage) => void, playing: () => boolean = () => false): () => void {
  let lastHeight = -1;
  let shrinking: ReturnType<typeof setTimeout> | undefined;
  const tell = (height: number) => {
    lastHeight = height;
    post({ type: 'authsim:resize', height });
  };
  const sendSize = () => {
    const height = contentHeight(content);
    clearTimeout(shrinking);
    // 0: not rendered yet; the observer reports the first real height.
    if (height === 0 || height === lastHeight) return;
    if (height > lastHeight) return tell(height);
    let heldMs = 0;
    const whenHeld = () => {
      heldMs += SHRINK_HOLD_MS;
      if (playing() && heldMs < SHRINK_HOLD_PLAYING_MS) return void (shrinking = setTimeout(whenHeld, SHRINK_HOLD_MS));
      const held = contentHeight(content);
      if (held !== 0 && held !== lastHeight) tell(held);
    };
    shrinking = setTimeout(whenHeld, SHRINK_HOLD_MS);
  };
  sendSize();
  const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(sendSize);
  resize?.observe(content);
  return () => {
    clearTimeout(shrinking);
    resize?.disconnect();
  };
}

/** Hands each valid command from window.parent to `obey`; anything else is named in a warning. */
export function listenToParent({ self, parent, warn = console.warn }: Pick<HostWindows, 'self' | 'parent' | 'warn'>, obey: (command: Command) => void): () => void {
  const onMessage = (e: MessageEvent) => {
    // The frame's own window talks to itself too (dev tools, extensions): not a host command.
    if (e.source === self) return;
    if (e.source !== parent) {
      warn('authsim: ignored a message that did not come from the page around this frame.');
      return;
    }
    const parsed = parseCommand(e.data);
    if ('problem' in parsed) warn(`authsim: ignored ${parsed.problem}.`);
    else obey(parsed.command);
  };
  self.addEventListener('message', onMessage);
  // Sent before this code came (from the frame's load event): obeyed now, in order.
  const early = takeEarlyMessages();
  for (const e of early.slice(0, MAX_KEPT)) onMessage(e);
  if (early.length > MAX_KEPT) warn(`authsim: ignored the messages after the first ${MAX_KEPT} sent before this frame could listen: wait for authsim:ready.`);
  return () => self.removeEventListener('message', onMessage);
}

const MAX_WAITING = 20;

async function run(store: AppStore, command: Command, warn: (message: string) => void): Promise<void> {
  const s = store.getState();
  switch (command.type) {
    case 'authsim:play':
      // A question waiting for its answer holds the lesson (a seek or a step moves on past it).
      if (s.question?.choiceId === null) return warn('authsim: ignored authsim:play: a question waits for the learner\'s answer; authsim:seek or authsim:step moves on without it.');
      // At the lesson's end, as a media element's play(): again from its start (kept at the end, the
      // takeaway gave way to the last caption and "Pause" for its reading time, then came back).
      return s.ended ? s.togglePlay() : s.play();
    case 'authsim:pause':
      return s.pause();
    case 'authsim:step':
      if (s.playing) s.pause();
      return s.step();
    case 'authsim:seek':
      return s.seek(command.timeMs);
    case 'authsim:load': {
      const loaded = await s.load({ scenarioId: command.scenario, ...(command.mode ? { view: command.mode } : {}), seed: command.seed ?? null });
      // A mode the lesson lacks (or this page cannot run) was replaced without a word (teacher review).
      const { view, scenario } = store.getState();
      if (loaded && scenario && command.mode && view !== command.mode) warn(`authsim: ${otherWorldWhy(scenario.id, scenario.modes, command.mode)}: it shows ${view === 'both' ? 'both worlds' : `the ${SCHEME_WORDS[view].world}`} (authsim:ready's mode says so).`);
    }
  }
}

/** Why a load's `mode` was not shown: a world the lesson does not have, or one this page cannot run (a JWT world without Web Crypto). */
function otherWorldWhy(id: string, modes: readonly Mode[], asked: View): string {
  const lacks = asked === 'both' ? modes.length < 2 : !modes.includes(asked);
  if (lacks) return `${id} has no ${asked === 'both' ? 'second world' : SCHEME_WORDS[asked].world} to show here`;
  return `this page cannot run ${id}'s ${SCHEME_WORDS.jwt.world}: it signs with WebCrypto, which browsers allow only on a secure page`;
}
