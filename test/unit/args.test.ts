import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';

describe('headless runner flags', () => {
  it('reads the documented flags', () => {
    expect(parseArgs(['--scenario', 'revocation', '--mode', 'both', '--seed', '7', '--json'])).toEqual({
      ok: true,
      args: { list: false, scenario: 'revocation', modes: ['session', 'jwt'], seed: 7, json: true },
    });
    expect(parseArgs(['--list'])).toMatchObject({ ok: true, args: { list: true } });
  });

  it.each([
    [['--scenario'], /needs an id/],
    [['--scenario', 'basic', '--mode', 'cookie'], /--mode must be/],
    [['--scenario', 'basic', '--seed', '-3'], /--seed must be/],
    [['--scenario', 'basic', '--seed', '1.5'], /--seed must be/],
    [['--scenario', 'basic', '--verbose'], /unknown flag --verbose/],
    [[], /say which scenario/],
  ])('rejects %j with a one-line reason', (argv, message) => {
    const r = parseArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).not.toContain('\n');
    }
  });
});

describe('settings a run cannot use', () => {
  it('are refused with a sentence naming each problem', async () => {
    const { createSim } = await import('../../src/sim/step');
    const { withOptions } = await import('../../src/sim/options');
    expect(() => createSim(withOptions({ servers: 0, seed: 1.5 }))).toThrow(/servers must be between 1 and 12.*seed must be a whole number/);
  });
});
