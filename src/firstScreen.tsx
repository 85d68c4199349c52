// The first screen of `/` as HTML, drawn at build time (build/firstScreen.ts puts it in index.html's
// #root), so a visitor sees the lesson's opening, the controls and the stage's frame as soon as the
// HTML and its stylesheet arrive, before the app's code has come and run. It is exactly what
// src/main.tsx's first render of `/` draws (the same App, store and catalog), which then hydrates it.
import { StrictMode } from 'react';
import { prerender } from 'react-dom/static';
import { createAppStore } from './store/createAppStore';
import { parseLink } from './store/urlState';
import { App } from './ui/App';

export async function firstScreenHtml(): Promise<string> {
  const { state, problems } = parseLink('');
  // As src/main.tsx starts `/` with no stored choice: questions on, in a secure context (src/firstScreenFit.js hides this otherwise).
  const store = createAppStore({ ...state, notices: problems, questionsOn: true, webCrypto: true });
  // The one page fact the first render reads: fullscreen is allowed (src/firstScreenFit.js hides this where it is not).
  const scope = globalThis as { document?: unknown };
  const own = scope.document === undefined;
  if (own) scope.document = { fullscreenEnabled: true, fullscreenElement: null };
  try {
    // Waits for the lazy parts the first render shows (the stage region's content), so the markup
    // holds them whole: hydration then waits for their code instead of drawing them again.
    const { prelude } = await prerender(
      <StrictMode>
        <App store={store} />
      </StrictMode>,
    );
    return await new Response(prelude).text();
  } finally {
    if (own) delete scope.document;
  }
}
