// Real text widths for the stage, measured by the browser's own font engine (a canvas), so a label
// is shortened exactly when it would spill out of its box. Without a canvas (tests), an estimate.
import { textWidth, type MeasureText } from './layout';

let family = 'sans-serif';
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

export const measureText: MeasureText = (text, fontPx, bold) => {
  if (context === undefined) {
    try {
      context = document.createElement('canvas').getContext('2d');
      family = pageFontFamily();
    } catch {
      context = null;
    }
  }
  if (!context) return textWidth(text, fontPx, bold);
  const key = `${bold ? 'b' : 'r'}${fontPx}|${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    // Set only when it changes: the canvas parses a font each time one is set.
    const font = `${bold ? 650 : 400} ${fontPx}px ${family}`;
    if (font !== contextFont) context.font = contextFont = font;
    width = context.measureText(text).width;
    if (cache.size > 2_000) cache.clear();
    cache.set(key, width);
  }
  return width;
};
