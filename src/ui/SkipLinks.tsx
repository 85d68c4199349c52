import type { MouseEvent } from 'react';
import type { AppStoreState } from '../store/createAppStore';
import { focusById } from './focus';
import { useApp } from './storeContext';

const selectOpen = (s: AppStoreState) => s.openDrawer;

/** The first two tab stops: straight to the worlds, or to the interventions (in their drawer). */
export function SkipLinks() {
  const openDrawer = useApp(selectOpen);
  const toInterventions = () => openDrawer('interventions');
  const toStage = (e: MouseEvent) => {
    e.preventDefault();
    focusById('stage');
  };
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href="#stage" className="skip-link" onClick={toStage}>
        Skip to the stage
      </a>
      {/* A button, not a link: the interventions live in a drawer that has to be opened first. */}
      <button type="button" className="skip-link" onClick={toInterventions}>
        Skip to the interventions
      </button>
    </nav>
  );
}

/**
 * An embed's first tab stop: past the stage, whose every node is a stop (twelve in most lessons), to
 * Play, the one control a frame in a course page is for; it was the 14th Tab.
 */
export function SkipToPlayback() {
  const toPlayback = (e: MouseEvent) => {
    e.preventDefault();
    const play = document.querySelector<HTMLElement>('#playback .play:enabled');
    if (play) play.focus();
    else focusById('playback');
  };
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href="#playback" className="skip-link" onClick={toPlayback}>
        Skip to the playback controls
      </a>
    </nav>
  );
}
