// index.html's #root holds the first screen of `/` as HTML (build/firstScreen.ts), shown before the
// app's code arrives. This script (inline, last in <head>, so it runs once the stylesheet is in;
// build/firstScreen.ts writes it there minified, build/csp.ts allows it by hash) settles it before the first paint:
// - where the first screen would not be that one (a link naming a lesson, a mode, an embed or a lab;
//   any frame; no fullscreen; questions turned off earlier; no Web Crypto) it must not show even for
//   a moment: the page is marked so the stylesheet hides it, and src/main.tsx draws the page itself;
// - else, once #root is parsed, it is fitted to this screen as the app's first render fits it
//   (src/ui/App.tsx, useShownWorlds, useStickyHeight): one world and the toggle where two do not fit
//   the stage region, and the sticky bar's height, so nothing moves when React takes the page over.
(() => {
  let plain = false;
  try {
    plain = !window.location.search && window.parent === window && !window.opener && document.fullscreenEnabled === true && Boolean(window.crypto && window.crypto.subtle) && window.localStorage.getItem('authsim:questions') !== 'off';
  } catch {
    // Storage or the parent unreadable (a sandboxed frame): not the plain page.
  }
  if (!plain) {
    document.documentElement.classList.add('no-first-screen');
    // A link's parser (src/store/urlState.ts) is no part of the first load: fetched now, beside the
    // entry, its round trip does not wait for the entry to run (build/firstScreen.ts writes its file in).
    if (window.location.search) {
      const parser = document.createElement('link');
      parser.rel = 'modulepreload';
      parser.href = '__LINK_PARSER__';
      document.head.append(parser);
    }
    return;
  }
  // The mark src/main.tsx hydrates by: without it (this script failed or never ran) the app draws afresh.
  document.documentElement.classList.add('first-screen');
  // Until it is fitted the built screen is drawn invisible (app.css): HTML that comes in two parts
  // may be drawn before the fit, and what the fit moved would count as a layout shift.
  const fit = () => {
    try {
      fitRoot();
    } finally {
      document.documentElement.classList.add('first-screen-fitted');
    }
  };
  const fitRoot = () => {
    const root = document.getElementById('root');
    if (!root || !root.hasAttribute('data-first-screen')) return;
    const app = root.querySelector('.app');
    const region = document.getElementById('stage');
    const toggle = root.querySelector('.world-toggle');
    const bar = root.querySelector('.sticky-top');
    if (!app || !region) return;
    // Its controls look ready but have no code yet: nothing a learner does now may be lost, so the
    // page takes no input until React has taken it over (src/main.tsx lifts this).
    root.inert = true;
    // twoWorldsFit and sideBySide (src/ui/useShownWorlds.ts): side by side from 2 x 340 px wide, stacked from 2 x 244 px high and the gap.
    const box = region.getBoundingClientRect();
    const side = Math.round(box.width) >= 2 * 340;
    if (!side) app.classList.remove('is-side');
    if (toggle) {
      if (!(side || Math.round(box.height) >= 2 * 244 + 8)) {
        toggle.hidden = false;
        app.classList.remove('is-both');
      }
    }
    if (bar) app.style.setProperty('--sticky-h', `${Math.round(bar.getBoundingClientRect().height)}px`);
  };
  // Once #root is whole (what follows it is parsed), in the parser's task: before any frame shows it.
  const observer = new MutationObserver(() => {
    const root = document.getElementById('root');
    if (!root || (!root.nextSibling && document.readyState === 'loading')) return;
    observer.disconnect();
    fit();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
