// The lines under a node's title: how many its box has room for, the words each may take (the
// full line, then its shorter forms), and one form for sibling boxes. Each box used to shorten on
// its own, so in scale-out one server read "1 session in memory" beside "4 in memory": only the
// longer count needed the short form, and the odd one out read as a different thing.
import { CROWD_ID, FONT, LINE_FOOT_PX, LINE_ROW_PX, TITLE_ROW_PX, type NodeBox } from './layout';
import { measureText } from './measureText';
import type { NodeStatus } from './nodeStatus';

/** Lines a box has room for under its title (at most two). */
export const lineRoom = (box: NodeBox): number => Math.max(0, Math.min(2, Math.floor((box.h - TITLE_ROW_PX - LINE_FOOT_PX) / LINE_ROW_PX)));

/** The width a line may take: the box less its padding. */
export const lineWidth = (box: NodeBox): number => box.w - 12;

/** The forms line `i` may take, longest first. */
export const lineForms = (status: NodeStatus, i: number): string[] => [status.lines[i] ?? '', ...(status.shortLines?.[i] ?? [])];

/**
 * Per node id, the form each line starts from: the shortest that any of its siblings needs, so
 * sibling boxes say the same line in the same words. Siblings are boxes of one kind and width whose
 * line has as many forms: the same line ("N sessions in memory"), not another one in its place
 * ("keys: k1" beside "key set not fetched yet", or a down server's "down", or the crowd's count beside a browser's badge).
 */
export function siblingForms(nodes: readonly { box: NodeBox; status: NodeStatus }[]): Map<string, number[]> {
  // The crowd's line is not its browsers' ("logged in: 15" took a JWT badge's third form, "15 of 35").
  const groupOf = (box: NodeBox, i: number, forms: string[]) => `${box.id === CROWD_ID ? CROWD_ID : box.kind}|${box.w}|${i}|${forms.length}`;
  const needed = new Map<string, number>();
  const each = (visit: (box: NodeBox, i: number, forms: string[]) => void) => {
    for (const { box, status } of nodes) for (let i = 0; i < Math.min(lineRoom(box), status.lines.length); i++) visit(box, i, lineForms(status, i));
  };
  each((box, i, forms) => {
    const fits = forms.findIndex((form) => measureText(form, FONT.line, false) <= lineWidth(box));
    const group = groupOf(box, i, forms);
    needed.set(group, Math.max(needed.get(group) ?? 0, fits === -1 ? forms.length - 1 : fits));
  });
  const firstForms = new Map<string, number[]>();
  each((box, i, forms) => {
    const list = firstForms.get(box.id) ?? [];
    list[i] = needed.get(groupOf(box, i, forms)) ?? 0;
    firstForms.set(box.id, list);
  });
  return firstForms;
}
