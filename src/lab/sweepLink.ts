// A sweep's settings in a link (`?lab=load&sweep=<JSON>`), so a teacher can hand out the sweep they
// set up. The JSON goes through the one gate (parseSweepSettings) where it enters; what is wrong is
// named and the lab opens with its defaults. The check's CPU cost stays out of links: it is the
// viewer's own device (or the reference laptop), chosen on the page.
import { DEFAULT_SWEEP, parseSweepSettings, SWEEP_LIMITS, type SweepSettings } from './settings';

/** Longest `sweep=` value read; a longer one is refused unread. */
const MAX_PARAM_CHARS = 2_000;

export type LinkedSweep = Omit<SweepSettings, 'verifyCostMs'>;

/** The link's query string for these settings (lab included). */
export function sweepLinkSearch(s: SweepSettings): string {
  const { verifyCostMs: _cost, ...linked } = s;
  return `?lab=load&sweep=${encodeURIComponent(JSON.stringify(linked))}`;
}

/** How a page is presented: a lab in a frame keeps them for a lesson its host page opens there (src/host/connectLab.ts). */
export const PRESENTATION_PARAMETERS = ['embed', 'controls', 'inspect', 'q'] as const;

/** A lesson's other link parameters: a lab opened by the same link has no use for them, and says so. (Its `seed` is the sweep's.) */
const LESSON_PARAMETERS = ['scenario', 'mode', 'speed', 't', 'play', 'a'] as const;

/**
 * The settings a link carries, or null (none, or refused: then `problems` says why, and names the
 * lesson parameters it ignores), and whether it asks for the embed layout (embed=1: no way out of
 * the frame, a smaller title).
 */
export function sweepFromSearch(search: string): { sweep: LinkedSweep | null; embed: boolean; problems: string[] } {
  const params = new URLSearchParams(search);
  const unused = LESSON_PARAMETERS.filter((name) => params.has(name));
  const ignored = unused.length ? [`The load lab does not use the link's ${unused.join(', ')}; ${unused.length > 1 ? 'they were' : 'it was'} ignored.`] : [];
  const embed = params.get('embed');
  const badEmbed = embed !== null && embed !== '0' && embed !== '1' ? [`The link's embed "${embed.slice(0, 20)}" must be 0 or 1 (the embed layout); it was ignored.`] : [];
  // As a lesson's link says of its own (linkAdjustments.ts): `sweep=<valid>&sweep=junk` went unsaid.
  const repeated = ['lab', 'sweep', 'embed', 'seed'].filter((name) => params.getAll(name).length > 1);
  const twice = repeated.length ? [`The link gives ${repeated.join(' and ')} more than once; the first of each is used.`] : [];
  const linked = sweepOf(params.get('sweep'));
  const seeded = withSeed(linked, params.get('seed'));
  return { sweep: seeded.sweep, embed: embed === '1', problems: [...ignored, ...twice, ...badEmbed, ...linked.problems, ...seeded.problems] };
}

/**
 * A lesson's link parameter the lab honours: `seed` (the same seed gives the same rows, as the runner's
 * `--sweep --seed`), over the sweep's settings or the lab's own. A teacher's `?lab=load&seed=7` was told
 * the lab "does not use" a seed beside its form's Seed box. The sweep's own seed, given too, is kept.
 */
function withSeed({ sweep, seedGiven }: { sweep: LinkedSweep | null; seedGiven?: boolean }, raw: string | null): { sweep: LinkedSweep | null; problems: string[] } {
  if (raw === null) return { sweep, problems: [] };
  const { min, max } = SWEEP_LIMITS.seed;
  // Decimal digits only: 0x10, 1e3 or " 5" is no one's typo to honour (src/store/urlState.ts reads a lesson's so).
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > max || n < min) return { sweep, problems: [`The link's seed "${raw.slice(0, 20)}" must be a whole number in plain digits from ${min} to ${max}; it was ignored.`] };
  if (sweep && seedGiven && sweep.seed !== n) return { sweep, problems: [`The link gives a seed twice (${n}, and ${sweep.seed} in its sweep settings); the sweep's is used.`] };
  const { verifyCostMs: _cost, ...defaults } = DEFAULT_SWEEP;
  return { sweep: { ...(sweep ?? defaults), seed: n }, problems: [] };
}

function sweepOf(raw: string | null): { sweep: LinkedSweep | null; seedGiven?: boolean; problems: string[] } {
  if (raw === null) return { sweep: null, problems: [] };
  const refuse = (why: string) => ({ sweep: null, problems: [`The link's sweep settings were not used: ${why} The lab opens with its own.`] });
  if (raw.length > MAX_PARAM_CHARS) return refuse(`they are longer than ${MAX_PARAM_CHARS} characters.`);
  if (raw.trim() === '') return refuse('the parameter is empty.');
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    return refuse('they are not JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return refuse('they are not an object of settings.');
  const unknown = Object.keys(input).filter((key) => !Object.hasOwn(DEFAULT_SWEEP, key));
  if (unknown.length) return refuse(`${unknown.slice(0, 3).map((k) => `"${k.slice(0, 30)}"`).join(', ')} ${unknown.length > 1 ? 'are not settings' : 'is not a setting'} of the lab.`);
  if (Object.hasOwn(input, 'verifyCostMs')) return refuse('a link cannot set the signature check cost (it is measured on each device).');
  const parsed = parseSweepSettings({ ...input, verifyCostMs: DEFAULT_SWEEP.verifyCostMs });
  if (!parsed.ok) return refuse(parsed.problems.join(' '));
  const { verifyCostMs: _cost, ...sweep } = parsed.settings;
  return { sweep, seedGiven: Object.hasOwn(input, 'seed'), problems: [] };
}
