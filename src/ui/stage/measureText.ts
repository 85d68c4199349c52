// Real text widths for the stage, measured by the browser's own font engine (a canvas), so a label
// is shortened exactly when it would spill out of its box. Without a canvas (tests), an estimate.
import { textWidth, type MeasureText } from './layout';

let family = 'sans-serif';
/** A reader's own letter and word spacing (WCAG 1.4.12 text spacing), in em: labels chosen without it spilled out of their boxes. */
let spacing = { letter: 0, word: 0 };
let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();
/** The font last set on the context. */
let contextFont = '';

function pageFontFamily(): string {
  try {
    return getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
  } catch {
    return 'sans-serif';
  }
}

/** A spacing in em: a computed px length over the font size, or an em length as written (no layout engine). */
function emOf(value: string, fontPx: number): number {
  const n = parseFloat(value);
  if (!Number.isFinite(n)) return 0; // 'normal'
  return value.endsWith('em') ? n : n / fontPx;
}

/** Reads the page's text spacing; called as the stage lays out a new size, so a reader's spacing stylesheet is measured with. */
export function readTextSpacing(): void {
  let next = { letter: 0, word: 0 };
  try {
    const style = getComputedStyle(document.documentElement);
    const fontPx = parseFloat(style.fontSize) || 16;
    next = { letter: emOf(style.letterSpacing, fontPx), word: emOf(style.wordSpacing, fontPx) };
  } catch {
    // No document (the engine's tests): no spacing.
  }
  if (next.letter === spacing.letter && next.word === spacing.word) return;
  spacing = next;
  cache.clear();
}

/** What the reader's spacing adds: after each character, and after each space. */
const spacingPx = (text: string, fontPx: number): number =>
  spacing.letter || spacing.word ? fontPx * (spacing.letter * text.length + spacing.word * (text.split(' ').length - 1)) : 0;

export const measureText: MeasureText = (text, fontPx, bold) => {
  if (context === undefined) {
    try {
      context = document.createElement('canvas').getContext('2d');
      family = pageFontFamily();
    } catch {
      context = null;
    }
  }
  if (!context) return textWidth(text, fontPx, bold) + spacingPx(text, fontPx);
  const key = `${bold ? 'b' : 'r'}${fontPx}|${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    // Set only when it changes: the canvas parses a font each time one is set.
    const font = `${bold ? 650 : 400} ${fontPx}px ${family}`;
    if (font !== contextFont) context.font = contextFont = font;
    width = context.measureText(text).width + spacingPx(text, fontPx);
    if (cache.size > 2_000) cache.clear();
    cache.set(key, width);
  }
  return width;
};
