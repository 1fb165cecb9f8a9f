/** Timings of the work a verdict is made of: matmul layouts, whole chains, initializers, scaling with dim. */
import * as tf from '@tensorflow/tfjs-core';
import { runChain } from '../chain/runChain.ts';
import { initByName, SCHEME_NAMES } from '../init/schemes.ts';
import { logLogSlope } from '../stats/logLogSlope.ts';
import { gflops, medianMs, sig3 } from './measure.ts';

/** 512² matmul in the three operand layouts a chain can use. */
export function matmulTable(n = 512) {
  const m = initByName('randn/√dim', [n, n], 1);
  const mT = tf.transpose(m);
  let x = tf.clone(m);
  const step = (f: () => tf.Tensor) => () => {
    const next = f();
    x.dispose();
    x = next;
    next.dataSync();
  };
  const layouts = {
    'M @ x (notebook order; x is the packed operand)': step(() => tf.matMul(m, x)),
    'xᵀ @ Mᵀ (constant second operand; the suite)': step(() => tf.matMul(x, mT)),
    'x @ M with transposeB flag': step(() => tf.matMul(x, m, false, true)),
  };
  const rows = Object.entries(layouts).map(([layout, run]) => {
    const ms = medianMs(run, { repeats: layout.includes('transposeB') ? 5 : 25 });
    return { layout, 'ms/matmul': sig3(ms), 'GFLOP/s': sig3(gflops(n, ms)) };
  });
  tf.dispose([m, mT, x]);
  return rows;
}

/** A straightforward script's chain: M @ x, then a float32 std read back every step (tf.moments). */
export function naiveChainMs(scheme: string, relu: boolean, steps: number): number {
  const m = initByName(scheme, [512, 512], 2);
  let x = tf.clone(m);
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const next = tf.tidy(() => (relu ? tf.relu(tf.matMul(m, x)) : tf.matMul(m, x)));
    x.dispose();
    x = next;
    const std = tf.tidy(() => tf.sqrt(tf.moments(x).variance).dataSync()[0]);
    if (std === 0 || Number.isNaN(std)) break;
  }
  const ms = performance.now() - started;
  tf.dispose([m, x]);
  return ms;
}

export function chainTable(steps = 500) {
  const rows = [];
  for (const relu of [false, true]) {
    // randn/√dim survives 500 linear steps; with ReLU it would vanish, so give it the √2.
    const scheme = relu ? 'randn·√(2/dim)' : 'randn/√dim';
    const m = initByName(scheme, [512, 512], 2) as tf.Tensor2D;
    const perStepRead = medianMs(() => runChain({ matrix: m, activation: relu ? 'relu' : 'linear', maxSteps: steps, readEvery: 1 }), {
      warmup: 1,
      repeats: 3,
    });
    const batched = medianMs(() => runChain({ matrix: m, activation: relu ? 'relu' : 'linear', maxSteps: steps, readEvery: 8 }), {
      warmup: 1,
      repeats: 3,
    });
    const naive = medianMs(() => naiveChainMs(scheme, relu, steps), { warmup: 0, repeats: 3 });
    m.dispose();
    rows.push({
      chain: `${scheme}${relu ? ' + ReLU' : ''}, ${steps} steps`,
      'naive script s': sig3(naive / 1000),
      'suite, read every step s': sig3(perStepRead / 1000),
      'suite, read every 8 steps s': sig3(batched / 1000),
      'GFLOP/s (batched)': sig3(gflops(512, batched, steps)),
      'naive / suite': sig3(naive / batched),
    });
  }
  return rows;
}

export function initTable() {
  return SCHEME_NAMES.map((name) => {
    const ms = medianMs(() => initByName(name, [512, 512], 3).dispose(), { warmup: 1, repeats: name === 'orthogonal' ? 3 : 7 });
    return { init: name, 'ms at 512²': sig3(ms) };
  });
}

export function scalingTable() {
  const dims = [128, 256, 512, 1024];
  const perStep = dims.map((n) => {
    const m = initByName('randn/√dim', [n, n], 4) as tf.Tensor2D;
    const steps = Math.max(20, Math.round(40 * (512 / n) ** 2));
    const ms = medianMs(() => runChain({ matrix: m, activation: 'linear', maxSteps: steps }), { warmup: 1, repeats: 3 }) / steps;
    m.dispose();
    return ms;
  });
  const exponent = logLogSlope(dims, perStep);
  return {
    rows: dims.map((n, i) => ({ dim: n, 'ms/step': sig3(perStep[i] as number), 'GFLOP/s': sig3(gflops(n, perStep[i] as number)) })),
    exponent,
  };
}
