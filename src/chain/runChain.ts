/**
 * The notebook's chain (In [147], In [154]): result = M; then `result = act(M @ result)` until
 * result.std() is 0 or NaN, or maxSteps pass. The notebook returns the loop index i at which
 * that happened; so does this, as `steps`. With `vanishBelow` set, a chain has vanished as soon
 * as max|x| falls below it (the claims use VANISHING_THRESHOLD, 2^-100): the run then stops
 * before its products turn denormal, where a matmul costs up to ~120× more on some CPUs.
 *
 * Per step the device computes max|x| (0 ⇔ all entries are 0; Inf or NaN ⇔ non-finite,
 * since a float32 matmul of finite numbers can only overflow to Inf before any NaN appears);
 * an exact float32 reduction that cannot under- or overflow. At the end of each batch of
 * `readEvery` steps it also takes mean((x/max|x|)²), so that log10 rms(x) = log10 max|x| +
 * ½·log10 mean((x/max|x|)²) holds at any magnitude. The scalars are read back once per batch,
 * not per step; the chain runs at most readEvery-1 steps past its outcome, which cannot
 * change the outcome (zeros stay zero, non-finite spreads). Near `vanishBelow` the batch shrinks
 * to the steps the last batch's rate says remain, so the run overshoots the threshold by about
 * one step, not readEvery-1.
 *
 * The state is carried transposed, xᵀ ← act(xᵀ·Mᵀ): tfjs-wasm's matmul packs its second operand
 * as the constant weight, so keeping Mᵀ there saves ~10% per step (npm run bench measures it);
 * every statistic here is invariant under transposition.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FLOAT32_MAX, FLOAT32_SMALLEST_DENORMAL, FLOAT32_SMALLEST_NORMAL } from '../backend/underflowProbe.ts';
import { hostMoments } from '../stats/moments.ts';
import { readValues } from '../backend/readValues.ts';
import { charge } from '../clock/phaseClock.ts';

import type { Activation } from '../theory/activations.ts';

export { CHAIN_ACTIVATIONS as ACTIVATIONS, type Activation } from '../theory/activations.ts';
export type Outcome = 'vanished' | 'nonFinite' | 'survived';

export interface ChainOptions {
  matrix: tf.Tensor2D;
  activation: Activation;
  maxSteps: number;
  readEvery?: number;
  /** Multiplication counts ("after k steps") at which to read x back and take its float64 std. */
  checkpoints?: readonly number[];
  /** For a chain that survives: also report the float64 rms of its first `firstColumns` columns at the end. */
  firstColumns?: number;
  /** The chain has vanished once max|x| < vanishBelow (0, the default: once x is all zero, as the notebook). */
  vanishBelow?: number;
}

export interface Checkpoint {
  step: number;
  log10Std: number;
  allZero: boolean;
  nonFinite: number;
}

export interface ChainTrace {
  outcome: Outcome;
  /** The notebook's return value: loop index i of the outcome (result = act(M·…)^(i+1) M), or Infinity. */
  steps: number;
  /** Per loop index up to the outcome: log10 max|x| (-Infinity when x is all zero). */
  log10MaxAbs: number[];
  /** log10 rms(x) at the last loop index of each batch before the outcome (and at maxSteps-1). */
  rms: Array<{ step: number; log10Rms: number }>;
  /**
   * First loop index at which a float32 second moment (tf.moments, x²) would underflow to 0
   * while x is not all zero: max|x|² below the smallest denormal.
   */
  float32SquaresUnderflowAt: number | null;
  /** First loop index at which a float32 x² would overflow while x itself is finite. */
  float32SquaresOverflowAt: number | null;
  /** float64 std of x at the requested multiplication counts reached before the outcome. */
  checkpoints: Checkpoint[];
  /** Matmuls actually executed (including the few past the outcome). */
  matmuls: number;
  /** Of those, the matmuls whose operand x had max|x| below float32's smallest normal (2^-126): denormal operands. */
  denormalMatmuls: number;
  /** First loop index with max|x| < 2^-126 (x has left float32's normal range), or null. */
  belowNormalAt: number | null;
  /** log10 rms of the first `firstColumns` columns of x at maxSteps-1 (survivors only, else NaN). */
  firstColumnsLog10RmsLast: number;
}

/** mean((x/max|x|)²): in [0, 1] whatever the magnitude of x (1 for an all-zero x). */
function scaledSquares(x: tf.Tensor, maxAbs: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const safe = tf.where(tf.greater(maxAbs, 0), maxAbs, tf.onesLike(maxAbs));
    return tf.mean(tf.square(tf.div(x, safe)));
  });
}

export function runChain({
  matrix,
  activation,
  maxSteps,
  readEvery = 8,
  checkpoints = [],
  firstColumns = 0,
  vanishBelow = 0,
}: ChainOptions): ChainTrace {
  if (matrix.rank !== 2 || matrix.shape[0] !== matrix.shape[1]) {
    throw new RangeError(`runChain: matrix must be square, got shape [${matrix.shape.join(', ')}]`);
  }
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`runChain: maxSteps must be a positive integer, got ${maxSteps}`);
  if (!Number.isInteger(readEvery) || readEvery < 1)
    throw new RangeError(`runChain: readEvery must be a positive integer, got ${readEvery}`);
  if (!(vanishBelow >= 0 && vanishBelow < FLOAT32_MAX))
    throw new RangeError(`runChain: vanishBelow must be in [0, FLOAT32_MAX), got ${vanishBelow}`);
  const checkpointAt = new Set(checkpoints.map((k) => k - 1));
  const trace: ChainTrace = {
    outcome: 'survived',
    steps: Number.POSITIVE_INFINITY,
    log10MaxAbs: [],
    rms: [],
    float32SquaresUnderflowAt: null,
    float32SquaresOverflowAt: null,
    checkpoints: [],
    matmuls: 0,
    denormalMatmuls: 0,
    belowNormalAt: null,
    firstColumnsLog10RmsLast: Number.NaN,
  };
  let batch = readEvery;
  // each batch's time is charged to the float32 chain, or to the denormal tail once x has left the normal range
  let batchStarted = performance.now();
  let inTail = false;
  const weightT = tf.transpose(matrix);
  let x: tf.Tensor = tf.clone(weightT);
  let pending: tf.Tensor[] = [];
  const pendingCheckpoints: Checkpoint[] = [];
  try {
    for (let i = 0; i < maxSteps; i++) {
      const next = tf.tidy(() => {
        const product = tf.matMul(x, weightT);
        return activation === 'relu' ? tf.relu(product) : product;
      });
      x.dispose();
      x = next;
      trace.matmuls++;
      pending.push(tf.tidy(() => tf.max(tf.abs(x))));
      if (checkpointAt.has(i)) {
        const m = hostMoments(x.dataSync());
        pendingCheckpoints.push({ step: i + 1, log10Std: Math.log10(m.std), allZero: m.allZero, nonFinite: m.nonFinite });
      }
      if (pending.length === batch || i === maxSteps - 1) {
        const squares = scaledSquares(x, pending[pending.length - 1] as tf.Tensor);
        const stats = tf.tidy(() => tf.concat([tf.stack(pending), tf.reshape(squares, [1])]).dataSync());
        tf.dispose([...pending, squares]);
        pending = [];
        const ended = record(trace, stats, pendingCheckpoints, vanishBelow);
        const now = performance.now();
        charge(inTail ? 'denormal tail' : 'float32 chain', now - batchStarted);
        batchStarted = now;
        inTail = trace.belowNormalAt !== null;
        if (ended) break;
        batch = nextBatch(trace.log10MaxAbs, readEvery, vanishBelow);
      }
    }
    if (trace.outcome === 'survived' && firstColumns > 0) {
      // x holds Xᵀ: X's first columns are x's first rows
      const rows = readValues(() => tf.slice(x, [0, 0], [Math.min(firstColumns, x.shape[0] as number), -1]));
      trace.firstColumnsLog10RmsLast = 0.5 * Math.log10(hostMoments(rows).secondMoment);
    }
  } finally {
    tf.dispose(pending);
    x.dispose();
    weightT.dispose();
  }
  // every matmul after x first left the normal range took a denormal operand (a vanishing chain stays
  // below; the few run past the outcome count too); step 0's operand is M
  if (trace.belowNormalAt !== null) trace.denormalMatmuls = Math.max(0, trace.matmuls - trace.belowNormalAt - 1);
  return trace;
}

/**
 * The next batch's length: readEvery, or fewer when the last batch's rate says max|x| reaches
 * `vanishBelow` sooner (the steps left, rounded up, at least 1), so the run stops about one step
 * past it instead of up to readEvery-1 steps deep into the range it avoids.
 */
function nextBatch(log10MaxAbs: readonly number[], readEvery: number, vanishBelow: number): number {
  if (!(vanishBelow > 0) || log10MaxAbs.length < 2) return readEvery;
  const last = log10MaxAbs[log10MaxAbs.length - 1] as number;
  const back = Math.min(readEvery, log10MaxAbs.length - 1);
  const rate = (last - (log10MaxAbs[log10MaxAbs.length - 1 - back] as number)) / back;
  if (!(rate < 0)) return readEvery;
  const left = (Math.log10(vanishBelow) - last) / rate;
  return Math.max(1, Math.min(readEvery, Math.ceil(left)));
}

/** Appends a batch of per-step max|x| followed by the batch end's scaled squares; true once the outcome is known. */
function record(trace: ChainTrace, stats: ArrayLike<number>, checkpoints: Checkpoint[], vanishBelow: number): boolean {
  const overflowRoot = Math.sqrt(FLOAT32_MAX);
  const underflowRoot = Math.sqrt(FLOAT32_SMALLEST_DENORMAL);
  const steps = stats.length - 1;
  for (let row = 0; row < steps; row++) {
    const i = trace.log10MaxAbs.length;
    const maxAbs = stats[row] as number;
    if (!Number.isFinite(maxAbs)) return finish(trace, 'nonFinite', i, checkpoints);
    trace.log10MaxAbs.push(Math.log10(maxAbs));
    if (maxAbs < FLOAT32_SMALLEST_NORMAL && trace.belowNormalAt === null) trace.belowNormalAt = i;
    if (maxAbs === 0 || maxAbs < vanishBelow) return finish(trace, 'vanished', i, checkpoints);
    if (maxAbs < underflowRoot && trace.float32SquaresUnderflowAt === null) trace.float32SquaresUnderflowAt = i;
    if (maxAbs > overflowRoot && trace.float32SquaresOverflowAt === null) trace.float32SquaresOverflowAt = i;
  }
  const last = trace.log10MaxAbs.length - 1;
  trace.rms.push({ step: last, log10Rms: (trace.log10MaxAbs[last] as number) + 0.5 * Math.log10(stats[steps] as number) });
  trace.checkpoints.push(...checkpoints.splice(0));
  return false;
}

function finish(trace: ChainTrace, outcome: Outcome, i: number, checkpoints: Checkpoint[]): true {
  trace.outcome = outcome;
  trace.steps = i;
  trace.checkpoints.push(...checkpoints.filter((c) => c.step - 1 < i));
  return true;
}
