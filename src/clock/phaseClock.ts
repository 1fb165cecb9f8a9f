/**
 * Where a claim's time goes, by phase: each worker keeps one clock, and a phase entered inside
 * another pauses it (exclusive time), so the phases of a claim add up to at most its wall time.
 * A claim's record takes the difference of two snapshots; the reporter adds them up per suite.
 */
export const PHASES = [
  'float32 chain',
  'denormal tail',
  'growth probe',
  'reference ensembles',
  'deep-net layers',
  'host draws',
  'Householder QR',
] as const;
export type Phase = (typeof PHASES)[number];

const spent: Record<Phase, number> = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
const stack: Array<{ phase: Phase; since: number }> = [];

/** Runs `work`, counting its time (less that of phases entered inside it) to `phase`. */
export function timed<T>(phase: Phase, work: () => T): T {
  const now = performance.now();
  const outer = stack[stack.length - 1];
  if (outer) spent[outer.phase] += now - outer.since;
  stack.push({ phase, since: now });
  try {
    return work();
  } finally {
    const end = performance.now();
    const own = stack.pop() as { phase: Phase; since: number };
    spent[own.phase] += end - own.since;
    const resumed = stack[stack.length - 1];
    if (resumed) resumed.since = end;
  }
}

/** Adds time measured elsewhere (e.g. a batch of chain steps classified after it ran). */
export function charge(phase: Phase, ms: number): void {
  spent[phase] += ms;
}

/** The clock's totals so far, in ms (phases still open count up to their last pause). */
export function phaseSnapshot(): Record<Phase, number> {
  return { ...spent };
}

/** What happened between two snapshots, in ms, phases with no time left out. */
export function phaseDelta(before: Record<Phase, number>, after: Record<Phase, number>): Partial<Record<Phase, number>> {
  const delta: Partial<Record<Phase, number>> = {};
  for (const p of PHASES) {
    const ms = after[p] - before[p];
    if (ms > 0) delta[p] = ms;
  }
  return delta;
}
