import { describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios';
import { CATALOG, findMeta } from '../../src/scenarios/catalog';
import { firstSteps, lessonSteps, perWorldLine, stepAt, stepsSoFar, type LessonStep } from '../../src/store/lesson';

describe('lesson steps on screen', () => {
  it('side by side, shows steps only one world has and names the worlds when captions differ', () => {
    const steps = lessonSteps(findScenario('store-outage')!, ['session', 'jwt']);
    const jwtOnly = steps.filter((s) => s.caption.startsWith('JWT: '));
    expect(jwtOnly.map((s) => s.caption).join(' ')).toMatch(/denylist/);
    const down = steps.find((s) => s.caption.includes('goes down'))!;
    expect(down.caption).toMatch(/^Session: .* JWT: /);
  });

  it('keeps a shared caption plain, and one world shows its own wording', () => {
    const both = lessonSteps(findScenario('revocation')!, ['session', 'jwt']);
    expect(both.find((s) => s.atMs === 5_000)!.caption).toMatch(/^The admin bans Alice/);
    const jwt = lessonSteps(findScenario('store-outage')!, ['jwt']);
    expect(jwt.every((s) => !s.caption.startsWith('Session: ') && !s.caption.startsWith('JWT: '))).toBe(true);
  });
});

// A caption box too short for the opening shows the first moment from the first paint, from the
// catalog (the script has not arrived): its words must be the ones the script then says at 0 s.
describe("the catalog's first moment", () => {
  it('is, for every lesson and every way its worlds are shown, the step its script captions at 0 s', () => {
    for (const entry of CATALOG) {
      const script = findScenario(entry.id)!;
      for (const modes of [entry.modes, ...entry.modes.map((m) => [m])]) {
        // Its words: whom it is about matters only once the script runs and logs.
        const words = ({ atMs, lines, caption }: LessonStep) => ({ atMs, lines, caption });
        const atZero = lessonSteps(script, modes).filter((st) => st.atMs === 0);
        expect(firstSteps(entry, modes).map(words), `${entry.id} shown as ${modes.join(' + ')}`).toEqual(atZero.map(words));
      }
    }
  });

  it('draws nothing for a lesson that says nothing at 0 s (every lesson now does: an embed showed token-size\'s opening, cut to two lines)', () => {
    const tokenSize = findMeta('token-size')!;
    expect(lessonSteps(findScenario('token-size')!, tokenSize.modes)[0]!.atMs).toBe(0);
    expect(firstSteps({ ...tokenSize, firstCaption: undefined }, tokenSize.modes)).toEqual([]);
  });
});

describe('a caption a question asks about waits for the prediction', () => {
  const step = (atMs: number): LessonStep => ({ atMs, lines: [{ mode: null, text: `at ${atMs}` }], caption: `at ${atMs}`, about: {} });
  const steps = [step(0), step(3_000), step(8_000), step(12_000)];
  const told = (timeMs: number, coming: number[]) => stepsSoFar(steps, timeMs, coming.map((atMs) => ({ atMs }))).map((st) => st.atMs);

  it('keeps back the caption that comes with a question still to come, until the question is no longer coming', () => {
    expect(told(8_050, [8_100])).toEqual([0, 3_000]);
    expect(stepAt(steps, 8_100, [{ atMs: 8_100 }])?.atMs).toBe(3_000);
    expect(told(8_100, [])).toEqual([0, 3_000, 8_000]);
  });

  it('tells a caption that comes long before its question, the first caption, and one whose question is behind', () => {
    expect(told(8_050, [9_500])).toEqual([0, 3_000, 8_000]);
    expect(told(100, [400])).toEqual([0]);
    expect(told(12_500, [8_100])).toEqual([0, 3_000, 8_000, 12_000]);
  });
});

describe('what just happened, in both worlds', () => {
  const line = (session: string, jwt: string) => perWorldLine([{ mode: 'session', text: session }, { mode: 'jwt', text: jwt }], false);

  it('says what both begin with once, then what each world made of it', () => {
    expect(line('bob logs out everywhere: 1 session deleted.', "bob logs out everywhere: bob's id goes on the denylist.")).toBe("bob logs out everywhere. Session: 1 session deleted. JWT: bob's id goes on the denylist.");
  });

  it('names each world in full when they begin differently, or one line is only the shared words', () => {
    expect(line('server-1 looks up session abc: found.', 'server-1 checks the signature: valid.')).toBe('Session: server-1 looks up session abc: found. JWT: server-1 checks the signature: valid.');
    expect(line('alice logs in: ', 'alice logs in: a token.')).toBe('Session: alice logs in:  JWT: alice logs in: a token.');
    expect(line('alice sends a request.', 'alice sends a request.')).toBe('Both worlds: alice sends a request.');
    expect(perWorldLine([{ mode: 'jwt', text: 'x: y' }], true)).toBe('x: y');
  });
});

describe('the node a caption is about', () => {
  it('is the browser of the user an action names (a demotion, a ban), as it is the client a login names', () => {
    const about = (id: string, is: (action: object) => boolean) => {
      const at = findScenario(id)!.timeline('jwt').find((t) => t.caption && t.action && is(t.action))!.atMs;
      return lessonSteps(findScenario(id)!, ['session', 'jwt']).find((st) => st.atMs === at)!.about;
    };
    // "The admin demotes Alice" stood over "bob gets 200 OK"; refresh-tokens' ban of Bob over Alice's requests.
    expect(about('stale-claims', (a) => 'role' in a && a.role === 'user')).toEqual({ session: 'alice', jwt: 'alice' });
    expect(about('refresh-tokens', (a) => 'type' in a && a.type === 'banUser')).toEqual({ jwt: 'bob' });
  });
});
