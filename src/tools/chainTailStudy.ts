/**
 * How far out a vanishing chain's decided count reaches: many fresh draws of one scheme's 512²
 * matrix, each followed by the float64 growth probe (no float32 chain: ~0.13 s a draw on
 * tensorflow) to where it leaves the decided window, max|x| < 2^-100. An outcome check that wants
 * every one of n chain trials to vanish by step 500 fails a correct init with probability
 * 1 − (1 − q)^n, q = P(count ≥ 500); this measures the tail q comes from.
 *
 *   npx tsx src/tools/chainTailStudy.ts --scheme 'randn/√dim' --from 0 --to 6000 --out tail.tsv
 *   npx tsx src/tools/chainTailStudy.ts --summary tail.tsv [--json out.json]
 *
 * Appends a `#` line naming the backend, then one line per draw (scheme, draw, outcome, count,
 * last log10 rms), so a run can be cut and continued with --from. Seeds:
 * seedFor(`tail-study/${scheme}`, draw, master 20261218), a stream no claim uses.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../backend/select.ts';
import { probeGrowth } from '../chain/probeGrowth.ts';
import { initByName } from '../init/schemes.ts';
import { seedFor } from '../rng/seed.ts';
import { endOfTrajectory, log10MaxOverRms, thresholdWindow } from '../theory/chainSteps.ts';
import { VANISHING_THRESHOLD } from '../theory/float32.ts';

const DIM = 512;
const MAX_STEPS = 500;
const MASTER = 20261218;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function study(scheme: string, from: number, to: number, out: string): Promise<void> {
  const backend = await useBackend();
  const kappa = log10MaxOverRms(DIM * DIM, 'relu');
  const window = thresholdWindow(VANISHING_THRESHOLD);
  appendFileSync(out, `# draws ${from}–${to - 1} of ${scheme} on ${backend}\n`);
  const started = performance.now();
  for (let draw = from; draw < to; draw++) {
    const seed = seedFor(`tail-study/${scheme}`, draw, MASTER);
    const matrix = tf.tidy(() => initByName(scheme, [DIM, DIM], seed)) as tf.Tensor2D;
    const probe = probeGrowth({
      matrix,
      activation: 'relu',
      steps: MAX_STEPS,
      stopAfter: (log10Rms) => log10Rms + kappa < window.log10Floor,
    });
    matrix.dispose();
    const end = endOfTrajectory(probe.log10Rms, kappa, window);
    const last = probe.log10Rms[probe.log10Rms.length - 1] as number;
    appendFileSync(out, `${scheme}\t${draw}\t${end.outcome}\t${end.steps}\t${last.toFixed(3)}\n`);
  }
  console.log(`${to - from} draws of ${scheme} in ${((performance.now() - started) / 1000).toFixed(1)} s on ${backend}`);
}

/** The survival table P(count > t) of a study's lines, every 20 steps from 200. */
function summarise(lines: string[]): Record<string, unknown> {
  const runs = lines.filter((l) => l.startsWith('#')).map((l) => l.slice(1).trim());
  const rows = lines.filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
  const schemes = [...new Set(rows.map((r) => r[0]))];
  const counts = rows.map((r) => (r[2] === 'vanished' ? Number(r[3]) : Number.POSITIVE_INFINITY)).sort((a, b) => a - b);
  const survival: Record<string, number> = {};
  for (let t = 200; t <= MAX_STEPS; t += 20) survival[`>${t}`] = counts.filter((c) => c > t).length;
  return {
    schemes,
    runs,
    dim: DIM,
    activation: 'relu',
    maxSteps: MAX_STEPS,
    decidedBelow: VANISHING_THRESHOLD,
    master: MASTER,
    draws: counts.length,
    notVanished: counts.filter((c) => !Number.isFinite(c)).length,
    largest: counts.slice(-5),
    survival,
  };
}

const args = process.argv.slice(2);
const summaryOf = option(args, '--summary');
if (summaryOf) {
  const summary = summarise(readFileSync(summaryOf, 'utf8').split('\n'));
  const json = option(args, '--json');
  if (json) writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify(summary, null, 2));
} else {
  const scheme = option(args, '--scheme') ?? 'randn/√dim';
  const from = Number(option(args, '--from') ?? 0);
  const to = Number(option(args, '--to') ?? 1000);
  const out = option(args, '--out');
  if (!out) throw new Error('chainTailStudy: --out FILE.tsv is required (draws are appended to it)');
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to)) {
    throw new Error(`chainTailStudy: --from and --to must be integers with 0 ≤ from < to, got ${from}, ${to}`);
  }
  await study(scheme, from, to, out);
}
