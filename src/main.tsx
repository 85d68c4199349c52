import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { playWhileVisible } from './host/visibility';
import { createAppStore } from './store/createAppStore';
import { questionsPreference, rememberQuestions } from './store/preferences';
import { linkFor, parseLink } from './store/urlState';
import { App } from './ui/App';
import './ui/app.css';

// A link (or an iframe src) may name a scenario, mode, seed, speed, position and autoplay.
const { state: link, problems } = parseLink(window.location.search);
const store = createAppStore({ ...link, notices: problems, questionsOn: link.questionsOn ?? questionsPreference() });
const { presentation } = store.getState();
// The learner's "Ask me questions" choice is remembered (a link's q=0 is not: it is the teacher's).
store.subscribe((s, prev) => {
  if (s.questionsOn !== prev.questionsOn) rememberQuestions(s.questionsOn);
});
// For poking at the model from the devtools console while developing.
if (import.meta.env.DEV) Object.assign(window, { __app: store });
void store
  .getState()
  .load()
  .then(async (loaded) => {
    // Superseded (a host page loaded another lesson first): the link's moment was for this one.
    if (!loaded) return;
    if (link.timeMs) await store.getState().seek(link.timeMs);
    // An embed plays only while it is seen; the full app plays at once.
    if (presentation.embed) playWhileVisible(store, document.documentElement, !!link.autoplay);
    else if (link.autoplay) store.getState().play();
  });

// Keep the address bar pointing at what is loaded, so a reload or a copied URL shows the same lesson.
store.subscribe((s, prev) => {
  if (s.scenarioId !== prev.scenarioId || s.view !== prev.view || s.seed !== prev.seed)
    window.history.replaceState(null, '', linkFor({ ...s, speed: 1, timeMs: 0 }, [], { questionsOn: link.questionsOn, presentation: link.presentation }));
});

const root = document.getElementById('root')!;
// The embed fills its frame exactly; the full app in a frame sizes itself by its width, so a host that
// follows authsim:resize does not chase a height that grows with the frame (layout.css).
document.documentElement.classList.toggle('is-embed', presentation.embed);
document.documentElement.classList.toggle('in-frame', window.parent !== window && !presentation.embed);
// In a frame, the page around us hears what the lesson does (docs/embedding.md); in an LMS, so does
// the LMS. Connected before the first load finishes (the import is quicker than the lesson's keys).
if (window.parent !== window || window.opener) void import('./host/connectPage').then(({ connectPage }) => connectPage(store, root));

createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
