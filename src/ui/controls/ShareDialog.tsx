import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppStore, AppStoreState } from '../../store/createAppStore';
import { askable, lessonSteps } from '../../store/lesson';
import { pacingFor, questionOnOpening } from '../../store/pacing';
import { shownModes } from '../../store/selectors';
import type { Presentation } from '../../store/presentation';
import { useApp, useAppStore } from '../storeContext';
import { momentLink, tidyMoment, type Moment } from './momentLink';
import { MAX_INTERVENTIONS } from '../../sim/parseAction';
import { clockTime, formatNumber } from '../../format';
import { frameHeightFor, iframeSnippet } from './shareSnippet';

const selectShare = (s: AppStoreState) => ({ title: s.scenario?.title ?? 'Sessions vs JWT', worlds: shownModes(s).length });

interface Choices extends Presentation {
  questions: boolean;
  autoplay: boolean;
}

/** Copies text; says whether it worked (a frame or plain http may refuse the clipboard). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Many servers refuse an address longer than this (nginx's and Apache's default request line is 8 KB). */
const LINK_LENGTH_LIMIT = 8_000;

/** Why this moment's link would not open as it is, if it would not: interventions past a link's limit, an address too long. */
function linkWarning(moment: Moment, link: string): string | null {
  if (moment.actions.length > MAX_INTERVENTIONS)
    return `This moment holds ${formatNumber(moment.actions.length)} interventions; a link carries at most ${MAX_INTERVENTIONS}, so it opens without them. Reset and make fewer to share them.`;
  if (link.length > LINK_LENGTH_LIMIT) return `This link is ${formatNumber(link.length)} characters long, mostly its interventions: many servers refuse addresses over ${formatNumber(LINK_LENGTH_LIMIT)}.`;
  return null;
}

/**
 * The question a link to this moment asks as it opens, questions on, where the sharer does not see it
 * asked here: a moment just before a question, or one it keeps back (the caption that answers it),
 * opens on the question, the learner predicting first. A teacher who had turned questions off shared
 * stolen-credential at 6 s ("Alice logs out…") and the link opened at 6.5 s under a card (teacher review).
 */
function questionOnLink(store: AppStore, moment: Moment): string | null {
  const s = store.getState();
  if (!s.scenario) return null;
  const questions = askable(s.scenario, store.player.modes);
  const asked = questionOnOpening(pacingFor(lessonSteps(s.scenario, store.player.modes), questions), moment.timeMs);
  const question = asked && questions.find((q) => q.id === asked.id);
  if (!question || s.question?.question.id === question.id) return null;
  return `With questions on, this link opens at ${clockTime(question.atMs)} on the question "${question.prompt}", not on this moment: untick "Ask prediction questions" to open on this moment as it is.`;
}

/**
 * The Share dialog (loaded when Share is pressed): the link to this moment and the iframe code to
 * embed it, with a teacher's choices (embed layout, controls, clickable stage, questions,
 * autoplay). Built when it opens, so it carries the moment on screen.
 */
export default function ShareDialog({ onClose }: { onClose: () => void }) {
  const store = useAppStore();
  const s = useApp(useShallow(selectShare));
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  // Questions on unless the sharer says otherwise here: a teacher's own "Ask me questions" set off
  // while previewing went into every link for students. A stage the page's link made unclickable
  // (inspect=0) stays so: no box on the page unticks it, and the link it wrote dropped it (teacher review).
  const [choices, setChoices] = useState<Choices>(() => ({ embed: true, controls: true, inspect: store.getState().presentation.inspect, questions: true, autoplay: false }));
  // The moment the dialog opened at: the link and the embed code carry the same one, whatever plays on.
  const [moment] = useState(() => tidyMoment(store));
  // Ticked, the link says q=1 where the sharer's own questions are off: opened in her browser
  // without it, her stored choice applied, and she saw no question where her students would (teacher review).
  const asksHere = (link: string, c: Choices) => (c.questions && !store.getState().questionsOn ? `${link}&q=1` : link);
  const linksFor = (c: Choices) => ({
    link: asksHere(momentLink(store, { questionsOn: c.questions }, moment), c),
    embed: momentLink(store, { questionsOn: c.questions, autoplay: c.autoplay, presentation: { embed: c.embed, controls: c.embed ? c.controls : true, inspect: c.inspect } }, moment),
  });
  const [links, setLinks] = useState(() => linksFor(choices));
  const [asks] = useState(() => questionOnLink(store, moment));
  const [copied, setCopied] = useState<{ what: 'link' | 'code'; ok: boolean } | null>(null);
  // Opened as it mounts (before paint), so nobody meets it closed.
  useLayoutEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);
  const choose = (patch: Partial<Choices>) => {
    const c = { ...choices, ...patch };
    setChoices(c);
    setLinks(linksFor(c));
    setCopied(null);
  };
  const warning = linkWarning(moment, links.link);
  const snippet = iframeSnippet(links.embed, `Sessions vs JWT simulator: ${s.title}`, frameHeightFor(choices, s.worlds));
  const copy = async (what: 'link' | 'code', text: string) => setCopied({ what, ok: await copyText(text) });
  const feedback = (what: 'link' | 'code') => (copied?.what === what ? (copied.ok ? 'Copied.' : 'Copying was refused here: select the text and press Ctrl+C (⌘C).') : '');

  const box = (key: keyof Choices, label: string, disabled = false) => (
    <label className="share-choice">
      <input type="checkbox" checked={choices[key]} disabled={disabled} onChange={(e) => choose({ [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <>
      <dialog ref={dialog} className="share-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
        <h2 id={`${id}-title`}>Share this moment</h2>
        <div className="share-field">
          <label htmlFor={`${id}-link`}>Link to this moment</label>
          <div className="share-row">
            <input id={`${id}-link`} readOnly value={links.link} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy('link', links.link)}>
              Copy link
            </button>
          </div>
          <p role="status" className="share-feedback">
            {feedback('link')}
          </p>
          {warning && <p className="share-warning">{warning}</p>}
        </div>
        {box('questions', 'Ask prediction questions (the link and the embed)')}
        {choices.questions && asks && <p className="share-warning">{asks}</p>}
        <fieldset className="share-choices">
          <legend>Embed in a course page</legend>
          {box('embed', 'Embed layout: only the stage, the caption and playback')}
          {box('controls', 'Playback controls (off: the caption and Play only)', !choices.embed)}
          {box('inspect', 'Clicking the stage opens the inspector and interventions')}
          {box('autoplay', 'Start playing when it scrolls into view')}
        </fieldset>
        <div className="share-field">
          <label htmlFor={`${id}-code`}>Embed code</label>
          <textarea id={`${id}-code`} readOnly rows={4} value={snippet} onFocus={(e) => e.currentTarget.select()} />
          <div className="share-row">
            <button type="button" onClick={() => void copy('code', snippet)}>
              Copy embed code
            </button>
            <p role="status" className="share-feedback">
              {feedback('code')}
            </p>
          </div>
        </div>
        <form method="dialog" className="share-actions">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
