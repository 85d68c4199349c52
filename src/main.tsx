import { lazy, StrictMode, Suspense, useEffect, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { useStore } from 'zustand';
import { createAppStore, type AppStore } from './store/createAppStore';
import { prefetchEngine } from './store/player';
import { questionsPreference, rememberQuestions } from './store/preferences';
import type { LinkState, ParsedLink } from './store/urlState';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { fetchStageCode } from './ui/LazyStageArea';
import { reloadOnNewVersion } from './offlineWorker';
import { announceSettled } from './settled';
import './host/earlyMessages';
import './ui/app.css';

// Before the browser's check for a new version of the offline worker can end (the built app only).
if (import.meta.env.PROD) reloadOnNewVersion();

// A link (or an iframe src) may name a scenario, mode, seed, speed, position and autoplay, or open a lab.
// Only a page with a link waits for its parser, and only a link with interventions (a=) for their
// gate: the plain page, the one with the built first screen, starts without either.
// A link copied out of an iframe's HTML (the Share snippet escapes its src) may write its & as &amp;:
// read, and kept, as meant (code review: all but its first parameter went, without a word).
if (window.location.search.includes('&amp;')) window.history.replaceState(null, '', window.location.search.replaceAll('&amp;', '&') + window.location.hash);
const search = window.location.search;
const root = document.getElementById('root')!;
// #root may already show the first screen of / (drawn at build time: build/firstScreen.ts), unless
// src/firstScreenFit.js found this page's would differ and hid it. Shown, React hydrates it (below);
// hidden, it goes now and React draws the page from an empty #root.
const firstScreenShown = root.hasAttribute('data-first-screen') && document.documentElement.classList.contains('first-screen') && !search;
if (!firstScreenShown) root.replaceChildren();
root.removeAttribute('data-first-screen');
if (!search) start({ state: {}, problems: [] });
else {
  const params = new URLSearchParams(search);
  // What every lesson needs comes meanwhile: the parser's round trip no longer delays Play (an embed, a shared link).
  if (!params.has('lab')) {
    fetchStageCode().catch(() => {});
    prefetchEngine();
  }
  // A gate that does not come drops the interventions alone (parseLink says so), not the whole link.
  const gate = params.has('a') ? import('./sim/parseAction').catch(() => undefined) : undefined;
  void Promise.all([import('./store/urlState'), gate]).then(
    ([{ parseLink }, parsed]) => start(parseLink(search, parsed?.parseInterventions), true),
    // Its code did not come (offline before the service worker had it): the page still starts.
    () => start({ state: {}, problems: ['This link could not be read here (its code did not load); showing the first lesson.'] }),
  );
}

/** `read`: the page's link was read (what it could not show as asked is then told once the lesson loads). */
function start({ state: link, problems }: ParsedLink, read = false) {
  if (link.lab === 'load') startLoadLab();
  else startLessons(link, problems, read);
}

/** lab=load: the load lab, loaded on demand (its charts and worker are no part of the lessons' first load); no lesson starts. */
function startLoadLab() {
  const labCode = import('./ui/lab/LoadLab');
  // The lab's code is in: what waits for a settled page (the offline worker) may start.
  void labCode.finally(announceSettled);
  const LoadLab = lazy(() => labCode.then((m) => ({ default: m.LoadLab })));
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary what="load lab">
        <Suspense fallback={<p className="lab-loading">Loading the load lab…</p>}>
          <LoadLab />
        </Suspense>
      </ErrorBoundary>
    </StrictMode>,
  );
}

function startLessons(link: LinkState, notices: string[], read: boolean) {
  // An embed asks unless its link says q=0, the teacher's choice: one frame's "Skip all questions",
  // remembered, turned the questions off in every lesson the course embeds from this site (teacher review).
  const embed = link.presentation?.embed === true;
  const store = createAppStore({ ...link, linkTimeMs: link.timeMs, notices, questionsOn: link.questionsOn ?? (embed || questionsPreference()) });
  // Caught here: a failed fetch is told by the stage's error boundary when React reaches it, not as an unhandled rejection now.
  fetchStageCode().catch(() => {});
  const { presentation } = store.getState();
  // The learner's "Ask me questions" choice is remembered (a link's q=0 is not: it is the teacher's), in the full app only.
  store.subscribe((s, prev) => {
    if (s.questionsOn !== prev.questionsOn && !embed) rememberQuestions(s.questionsOn);
  });
  // For poking at the model from the devtools console while developing.
  if (import.meta.env.DEV) Object.assign(window, { __app: store });
  // Only an embed plays by visibility: its code is fetched beside the lesson, never by the full app.
  const embedPlayback = presentation.embed ? import('./host/visibility') : null;
  void store
    .getState()
    .load()
    .then(async (loaded) => {
      // Superseded (a host page loaded another lesson first): the link's autoplay was for this one.
      if (!loaded) return;
      if (read) void import('./store/linkAdjustments').then((m) => m.noticeLinkAdjustments(store, link, search));
      // An embed plays only while it is seen; the full app plays at once.
      if (embedPlayback) (await embedPlayback).playWhileVisible(store, document.documentElement, !!link.autoplay);
      else if (link.autoplay) store.getState().play();
    });

  // The address bar follows the loads after the first (store/addressBar.ts); fetched meanwhile, none can come before it.
  void import('./store/addressBar').then((m) => m.keepAddressBar(store, { questionsOn: link.questionsOn, presentation: link.presentation }));

  // The embed fills its frame exactly; the full app in a frame sizes itself by its width, so a host that
  // follows authsim:resize does not chase a height that grows with the frame (layout.css).
  document.documentElement.classList.toggle('is-embed', presentation.embed);
  document.documentElement.classList.toggle('in-frame', window.parent !== window && !presentation.embed);
  // In a frame, the page around us hears what the lesson does (docs/embedding.md); in an LMS, so does
  // the LMS. Connected before the first load finishes (the import is quicker than the lesson's keys).
  if (window.parent !== window || window.opener) void import('./host/connectPage').then(({ connectPage }) => connectPage(store, root));

  const app = (
    <StrictMode>
      <TakesInput>
        <App store={store} />
        <SettledOnceShown store={store} />
      </TakesInput>
    </StrictMode>
  );
  // Over the built first screen, React takes the page as it is (the same markup: src/firstScreen.tsx)
  // instead of drawing it again, in one go: not in a transition. Sliced into short tasks, the work
  // was always done twice, as the lesson's load changes the store meanwhile and a render that read
  // an older store is redone at once, whole (useSyncExternalStore's guard against tearing): app
  // ready at 4x CPU 718 -> 534 ms, Play unchanged (medians of 7 interleaved first visits).
  // Nor in parts: the header, controls, caption, notices and legends each behind a memoized Suspense
  // boundary, hydrated after the page's frame, left app ready at 4x where it was (2.12x, 2.13x the
  // smallest React app against 2.02x, 2.35x, interleaved), as the frame's own hydration, the store's
  // catch-up render and the first layout stay.
  //
  // And not before the built screen's first frame: run at once (its code already here, from the
  // service worker or a fast network), hydration held the first paint (at 4x CPU, first paint
  // 436 -> 360 ms, medians of 5; app ready unchanged). What the lesson's load changes meanwhile is no mismatch:
  // hydration reads the store's initial state (zustand's server snapshot), then draws the current one.
  if (firstScreenShown) afterFirstFrame(() => hydrateRoot(root, app));
  else createRoot(root).render(app);
}

/** A hidden tab draws no frame: `then` runs after this long anyway. */
const HIDDEN_PAGE_WAIT_MS = 500;

/** Runs `then` once, in a task after the next frame is drawn (or after HIDDEN_PAGE_WAIT_MS). */
function afterFirstFrame(then: () => void) {
  let run = () => {
    run = () => {};
    then();
  };
  requestAnimationFrame(() => setTimeout(() => run()));
  setTimeout(() => run(), HIDDEN_PAGE_WAIT_MS);
}

/** Once React has drawn the first lesson playable (or its failure), what can wait may start (src/settled.ts). */
function SettledOnceShown({ store }: { store: AppStore }) {
  const shown = useStore(store, (s) => s.status !== 'loading');
  useEffect(() => {
    if (shown) announceSettled();
  }, [shown]);
  return null;
}

/** The built first screen takes no input until React has it (src/firstScreenFit.js makes it inert): lifted at the first commit. */
function TakesInput({ children }: { children: ReactNode }) {
  useEffect(() => {
    root.inert = false;
  }, []);
  return children;
}
