import { useState } from 'react';
import { useAppStore } from '../storeContext';
import { momentLink } from './momentLink';

/** From an embed to the whole simulator (inspector, interventions, logs), at the same moment, in a new tab. */
export default function OpenFullLink() {
  const store = useAppStore();
  // The address is taken when the learner reaches for the link, so it carries the moment they are at.
  const [href, setHref] = useState(() => momentLink(store, { questionsOn: store.getState().questionsOn }));
  const refresh = () => setHref(momentLink(store, { questionsOn: store.getState().questionsOn }));
  return (
    <a className="open-full" href={href} target="_blank" rel="noopener" onPointerEnter={refresh} onFocus={refresh} onPointerDown={refresh}>
      {/* Its name stays whole where a narrow frame shows the short words (controls.css). */}
      <span className="open-full-long">Open in the full simulator</span>
      <span className="open-full-short" aria-hidden="true">
        Full simulator
      </span>
      <span className="open-full-tiny" aria-hidden="true">
        Open
      </span>
      <span className="visually-hidden"> (new tab)</span> ↗
    </a>
  );
}
