// The load lab in a frame (?lab=load): the page around it hears that it is ready (authsim:lab-ready:
// a lesson's authsim:ready names a scenario and a mode, which a lab has not) and its size, as from a
// lesson, so a course page fits the frame to it. It has no lesson to play: play, pause, step
// and seek are refused by name; authsim:load opens that lesson in the frame instead of the lab.
import { listenToParent, reportSize, type HostWindows } from './hostApi';
import { PRESENTATION_PARAMETERS } from '../lab/sweepLink';
import type { OutMessage } from './messages';

export interface LabHost extends HostWindows {
  title: string;
  /** Where the frame goes for authsim:load (the lesson's link, relative to this page). */
  open: (link: string) => void;
  /** This page's query string, whose presentation the lesson keeps. */
  search: string;
}

export function connectLab({ self, parent, content, warn = console.warn, title, open, search }: LabHost): () => void {
  const post = (message: OutMessage) => parent.postMessage(message, '*');
  post({ type: 'authsim:lab-ready', lab: 'load', title });
  const stopSizing = reportSize(content, post);
  const stopListening = listenToParent({ self, parent, warn }, (command) => {
    if (command.type !== 'authsim:load') {
      warn(`authsim: ignored ${command.type}: the load lab has no lesson to play (authsim:load opens one).`);
      return;
    }
    const kept = new URLSearchParams(search);
    const link = new URLSearchParams({ scenario: command.scenario });
    if (command.mode) link.set('mode', command.mode);
    if (command.seed !== undefined) link.set('seed', String(command.seed));
    for (const name of PRESENTATION_PARAMETERS) if (kept.has(name)) link.set(name, kept.get(name)!);
    open(`?${link}`);
  });
  return () => {
    stopSizing();
    stopListening();
  };
}
