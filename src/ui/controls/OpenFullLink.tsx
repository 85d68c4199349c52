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
      Open<span className="open-full-more"> in the full simulator</span>
      <span className="visually-hidden"> (new tab)</span> ↗
    </a>
  );
}
