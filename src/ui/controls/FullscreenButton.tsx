import { useEffect, useState } from 'react';

/** The simulator alone on the screen (a projector in class). Absent where the page may not go fullscreen (a frame without allow="fullscreen"). */
export function FullscreenButton() {
  const [on, setOn] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const onChange = () => setOn(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (!document.fullscreenEnabled) return null;
  const toggle = () => {
    const done = on ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    // Refused (no user gesture, a policy): the page simply stays as it is.
    void done?.catch(() => {});
  };
  return (
    <button type="button" className="fullscreen" onClick={toggle} aria-label={on ? 'Exit fullscreen' : 'Fullscreen'} title={on ? 'Exit fullscreen' : 'Fullscreen'}>
      <span aria-hidden="true">{on ? '⤡' : '⤢'}</span>
    </button>
  );
}
