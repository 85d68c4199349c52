/** A teacher's choices for a page in a course: the embed layout, its controls, a clickable stage. */
export interface Presentation {
  /** embed=1: only the stage(s), the caption and one row of controls, sized to the frame. */
  embed: boolean;
  /** controls=0: the caption and Play only. */
  controls: boolean;
  /** inspect=0: clicking the stage opens nothing. */
  inspect: boolean;
}

export const DEFAULT_PRESENTATION: Presentation = { embed: false, controls: true, inspect: true };
