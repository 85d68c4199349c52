import type { Presentation } from '../../store/presentation';

/** A frame height that fits the chosen layout at a course page's usual width (~800 px). */
export function frameHeightFor(presentation: Presentation, worlds: number): number {
  if (!presentation.embed) return 860;
  return worlds > 1 ? 600 : 520;
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The iframe a teacher pastes into a course page, an LMS or Markdown. */
export function iframeSnippet(url: string, title: string, height: number): string {
  return `<iframe src="${escapeAttribute(url)}" title="${escapeAttribute(title)}" width="100%" height="${height}" style="border:0" allow="fullscreen" loading="lazy"></iframe>`;
}
