// Raw HTTP text in a <pre>, with chosen header lines wrapped in a coloured <mark>.
import { Fragment } from 'react';
import { httpLines } from './format';

export type MarkTone = 'session' | 'jwt' | 'other';

/** Which lines to highlight: a test on the line, and the colour it gets. */
export type LineMarker = (line: string, index: number) => MarkTone | null;

export function HttpText({ text, label, marker }: { text: string; label: string; marker?: LineMarker }) {
  const lines = httpLines(text);
  return (
    <pre className="insp-pre insp-http" role="group" aria-label={label} tabIndex={0}>
      {lines.map((line, i) => {
        const tone = marker?.(line, i) ?? null;
        const end = i < lines.length - 1 ? '\n' : '';
        return (
          <Fragment key={i}>
            {tone ? <mark className={`insp-mark insp-mark-${tone}`}>{line}</mark> : line}
            {end}
          </Fragment>
        );
      })}
    </pre>
  );
}
