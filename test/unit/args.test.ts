import { describe, expect, it } from 'vitest';
import { parseArgs, runNotes } from '../../src/cli/args';

describe('headless runner flags', () => {
  it('reads the documented flags', () => {
    expect(parseArgs(['--scenario', 'revocation', '--mode', 'both', '--seed', '7', '--json'])).toEqual({
      ok: true,
      args: { list: false, scenario: 'revocation', modes: ['session', 'jwt'], seed: 7, json: true, actions: [], untilMs: null, sweep: null, calibrate: false },
    });
    expect(parseArgs(['--list'])).toMatchObject({ ok: true, args: { list: true } });
    expect(parseArgs(['--sweep', 'servers=1..16', '--users', '500', '--requests', '10000', '--mode', 'jwt', '--seed', '3', '--alg', 'HS256', '--denylist', '--json'])).toMatchObject({
      ok: true,
      args: { json: true, sweep: { serversFrom: 1, serversTo: 16, users: 500, requests: 10_000, modes: ['jwt'], seed: 3, alg: 'HS256', denylist: true } },
    });
  });

  it.each([
    [['--scenario'], /needs an id/],
    [['--scenario', 'basic', '--mode', 'cookie'], /--mode must be/],
    [['--scenario', 'basic', '--seed', '-3'], /--seed must be/],
    [['--scenario', 'basic', '--seed', '1.5'], /--seed must be/],
    [['--scenario', 'basic', '--verbose'], /unknown flag --verbose/],
    [[], /say which scenario/],
    [['--sweep', 'servers=a..b'], /--sweep needs servers=A..B/],
    [['--sweep', 'servers=1..4', '--scenario', 'basic'], /drop --scenario/],
    [['--scenario', 'basic', '--users', '5'], /--users goes with --sweep/],
    [['--sweep', 'servers=1..4', '--calibrate', '--verify-ms', '0.2'], /use one/],
    [['--sweep', 'servers=1..4', '--users', '1e'], /--users needs a number \(got "1e"\)/],
    [['--sweep', 'servers=1..4', '--requests', ''], /--requests needs a number \(got ""\)/],
    [['--sweep', 'servers=1..4', '--rate'], /--rate needs a number \(got nothing\)/],
    [['--sweep', 'servers=1..4', '--alg'], /--alg needs one of HS256, EdDSA, ES256 \(got nothing\)/],
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
    expect(() => createSim(withOptions({ servers: 0, seed: 1.5 }))).toThrow(/servers must be between 1 and 16.*seed must be a whole number/);
  });
});

describe('interventions and longer runs', () => {
  // Teacher review: --scenario=revocation was refused, where the SCORM packager takes --flag=value.
  it('reads --flag=value as --flag value', () => {
    expect(parseArgs(['--scenario=revocation', '--mode=jwt', '--seed=7', '--json'])).toEqual(parseArgs(['--scenario', 'revocation', '--mode', 'jwt', '--seed', '7', '--json']));
    const list = '[{"atMs":3000,"action":{"type":"setOptions","patch":{"denylist":true}}}]';
    expect(parseArgs(['--scenario', 'basic', `--actions=${list}`])).toMatchObject({ ok: true, args: { actions: JSON.parse(list) } });
    expect(parseArgs(['--seed='])).toMatchObject({ ok: false, error: expect.stringMatching(/--seed must be a whole number/) });
  });

  // Teacher review: a short --until and actions after the end ran as if they were not there, with no word.
  it('says when --until is before the script\'s end, and when --actions come after the run\'s', () => {
    const revocation = { id: 'revocation', durationMs: 42_000 };
    const at = (atMs: number) => ({ atMs, action: { type: 'storeDown' as const } });
    expect(runNotes(revocation, { untilMs: null, actions: [at(1_000)] })).toEqual([]);
    expect(runNotes(revocation, { untilMs: 1_000, actions: [] })).toEqual(['--until 1000 is before the end of revocation (42000 ms): the run goes to its end']);
    expect(runNotes(revocation, { untilMs: null, actions: [at(50_000), at(60_000)] }, 5_000)).toEqual(["2 of the --actions come after the run has ended (47001 ms, its last requests drained) and do nothing: --until runs it longer"]);
    // While the last requests drain an action still acts (the review's ban at 42.5 s did): no note.
    expect(runNotes(revocation, { untilMs: null, actions: [at(42_500)] }, 5_000)).toEqual([]);
    expect(runNotes(revocation, { untilMs: 60_000, actions: [at(50_000)] }, 5_000)).toEqual([]);
  });

  it('--actions takes the list a link\'s a= takes, and --until a time', () => {
    const list = [{ atMs: 3_000, action: { type: 'banUser', userId: 'alice' } }];
    const r = parseArgs(['--scenario', 'revocation', '--actions', JSON.stringify(list), '--until', '60000']);
    expect(r).toEqual({ ok: true, args: expect.objectContaining({ actions: list, untilMs: 60_000 }) });
  });

  it.each([
    [['--actions'], /--actions needs a JSON list/],
    [['--actions', '{nope'], /--actions could not be used: they are not JSON/],
    [['--actions', '[{"atMs":0,"action":{"type":"setOptions","patch":{"mode":"jwt"}}}]'], /intervention 1: patch: "mode" is not a setting/],
    [['--actions', '[{"atMs":0,"action":{"type":"traffic","clientId":"a","everyMs":10,"count":5}}]'], /cannot be replayed as an intervention/],
    [['--until', '-5'], /--until must be a whole number/],
  ])('refuses %j in one line', (flags, message) => {
    const r = parseArgs(['--scenario', 'basic', ...flags]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).not.toContain('\n');
    }
  });

  it('a link that lists its interventions out of order applies them in time order, as the runner does', async () => {
    const { History } = await import('../../src/sim/history');
    const { loadScenario } = await import('../../src/scenarios/run');
    const { findScenario } = await import('../../src/scenarios/index');
    const { parseInterventions } = await import('../../src/sim/parseAction');
    const list = [
      { atMs: 5_000, action: { type: 'killServer', serverId: 'server-2' } },
      { atMs: 1_000, action: { type: 'banUser', userId: 'alice' } },
    ];
    const parsed = parseInterventions(JSON.stringify(list), 60_000);
    if (!parsed.ok) throw new Error(parsed.problem);
    const sc = findScenario('basic')!;
    const app = new History(await loadScenario(sc, 'jwt', sc.seed));
    app.adopt(parsed.value);
    await app.advanceTo(6_000);
    // Applied in the listed order, the ban waited for the kill at 5 s.
    expect(app.driver.state.log.entries.find((e) => /bans alice/.test(e.text))?.timeMs).toBe(1_000);
    // A problem still names the intervention as listed.
    const refused = parseInterventions(JSON.stringify([list[0], { atMs: 500, action: { type: 'traffic', clientId: 'alice', everyMs: 100, count: 2 } }]), 60_000);
    expect(refused).toEqual({ ok: false, problem: 'intervention 2: traffic cannot be replayed as an intervention' });
  });

  it('a link and the runner agree: the same interventions give the same run', async () => {
    const { runScenario } = await import('../../src/scenarios/run');
    const { findScenario } = await import('../../src/scenarios/index');
    const { parseLink } = await import('../../src/store/urlState');
    const { parseInterventions } = await import('../../src/sim/parseAction');
    const list = [{ atMs: 2_000, action: { type: 'setOptions', patch: { denylist: true } } }];
    const fromLink = parseLink(`?scenario=revocation&a=${encodeURIComponent(JSON.stringify(list))}`, parseInterventions).state.actions!;
    const fromFlags = parseArgs(['--scenario', 'revocation', '--actions', JSON.stringify(list)]);
    if (!fromFlags.ok) throw new Error(fromFlags.error);
    expect(fromFlags.args.actions).toEqual(fromLink);
    const sc = findScenario('revocation')!;
    const varied = await runScenario(sc, ['jwt'], sc.seed, { actions: fromFlags.args.actions });
    const plain = await runScenario(sc, ['jwt'], sc.seed);
    // The denylist turned on by the intervention ends the JWT's exposure after the ban.
    expect(varied.runs[0]!.revocation?.acceptedAfter).toBe(0);
    expect(plain.runs[0]!.revocation?.acceptedAfter).toBeGreaterThan(0);
  });

  // Code review: a login added to basic printed "LESSON BROKEN"; the interventions changed the run, not the lesson.
  it('the runner calls a run its interventions changed no broken lesson', async () => {
    const { runScenario } = await import('../../src/scenarios/run');
    const { findScenario } = await import('../../src/scenarios/index');
    const { formatReport } = await import('../../src/cli/format');
    const sc = findScenario('basic')!;
    const actions = [{ atMs: 10, action: { type: 'login' as const, clientId: 'alice' } }];
    const text = formatReport(await runScenario(sc, ['session'], sc.seed, { actions }), sc, true);
    expect(text).not.toContain('LESSON BROKEN');
    expect(text).toMatch(/with these interventions, unlike the lesson: all 10 requests/);
    expect(formatReport(await runScenario(sc, ['session'], sc.seed), sc)).toContain('lesson holds');
  });
});
