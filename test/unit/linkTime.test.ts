// Teacher review: pause, kill a server, Share: the link said t=560 for an intervention recorded at
// 560.43 ms, and opened just before it (the server was not down yet), about half the time.
import { describe, expect, it } from 'vitest';
import { linkTimeMs } from '../../src/ui/controls/momentLink';
import type { RecordedAction } from '../../src/sim/history';

const kill = (atMs: number): RecordedAction => ({ atMs, action: { type: 'killServer', serverId: 'server-2' } });

describe('a shared moment in whole ms', () => {
  it('lands at or after every intervention made by then', () => {
    expect(linkTimeMs(560.428, [kill(560.428)])).toBe(561);
    expect(linkTimeMs(560.428, [kill(100.2), kill(560.428)])).toBeGreaterThanOrEqual(560.428);
  });

  it('is the rounded time when no intervention is at the very moment', () => {
    expect(linkTimeMs(5551.4, [])).toBe(5551);
    expect(linkTimeMs(5551.6, [kill(3000.5)])).toBe(5552);
    expect(linkTimeMs(5551.4, [kill(3000.5)])).toBe(5551);
  });
});
