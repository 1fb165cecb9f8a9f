/**
 * What "the same numbers on cpu and wasm" means. Draws are made on the host, so weights are
 * bit-identical on every backend (rng.test.ts). A matmul sums in an order each backend picks
 * (XNNPACK's blocked kernels on wasm, a plain loop on cpu), so anything computed from a product
 * agrees to float32 rounding, not bit for bit; these tests state how far apart they are.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, test } from 'vitest';
import { chainTrial } from '../../src/chain/chainTrial.ts';
import { matVecTrial } from '../../src/experiments/matVec.ts';
import { initByName, seedFor } from '../../src/index.ts';

const suiteBackend = tf.getBackend();
afterAll(async () => {
  await tf.setBackend(suiteBackend);
});

async function onBoth<T>(run: () => T): Promise<{ cpu: T; suite: T }> {
  await tf.setBackend('cpu');
  const cpu = run();
  await tf.setBackend(suiteBackend);
  expect(tf.getBackend()).toBe(suiteBackend);
  return { cpu, suite: run() };
}

describe(`cpu vs ${suiteBackend}: products agree to float32 rounding`, () => {
  test('one W·x at dim 512 (claim C8): E[y²] within 1e-5 relative', async ({ annotate }) => {
    const init = (shape: readonly number[], seed: number) => initByName('randn/√dim', shape, seed);
    const { cpu, suite } = await onBoth(() => matVecTrial({ dim: 512, init, relu: false, seed: seedFor('cross-backend/matvec', 0) }));
    const relative = Math.abs(cpu.secondMoment / suite.secondMoment - 1);
    await annotate(
      `E[y²]: cpu ${cpu.secondMoment}, ${suiteBackend} ${suite.secondMoment}, relative difference ${relative.toExponential(2)}`,
    );
    expect(relative).toBeLessThan(1e-5);
  });

  // Measured over 4 seeds at dim 128: cpu ended at 198, 191, 192, 198 with predictions 198, 190,
  // 192, 198; wasm at 195, 188, 190, 195. The cpu kernel sums in float64 and rounds once, so a
  // denormal result is correctly rounded; wasm sums in float32, and in the denormal range (fixed
  // spacing 2^-149) each partial sum loses relative precision, so its chains end 2–3 steps early.
  // The replay is not exact on cpu either: it assumes a Gaussian max/rms κ, and κ grows as x turns
  // low-rank. The fresh-seed audit (master 1486567759) found cpu 219 against a replay of 217
  // (wasm 215), which failed this test's earlier "within 1 step"; it now checks the replay's
  // stated tolerance, max(3 steps, 5% of the count), as the chain recipe reports it.
  // Rechecked on master seeds 2019, 1486567759 and five new ones (21–25).
  test('a vanishing chain at dim 128: identical in the normal range, the end differs inside the denormals', async ({ annotate }) => {
    const init = (shape: readonly number[], seed: number) => initByName('uniform(±1)/√dim', shape, seed);
    const { cpu, suite } = await onBoth(() =>
      chainTrial({ init, dim: 128, activation: 'linear', maxSteps: 500, seed: seedFor('cross-backend/chain', 0), end: 'allZero' }),
    );
    const decades = Math.abs((cpu.log10StdAt[2] as number) - (suite.log10StdAt[2] as number));
    await annotate(
      `log10 std after 100 steps differs by ${decades.toExponential(2)} decades; ` +
        `end step: cpu ${cpu.steps} (predicted ${cpu.predictedSteps}), ${suiteBackend} ${suite.steps} (predicted ${suite.predictedSteps})`,
    );
    expect(decades).toBeLessThan(1e-6);
    expect(Math.abs(cpu.steps - cpu.predictedSteps)).toBeLessThanOrEqual(Math.max(3, 0.05 * cpu.predictedSteps));
    if (suiteBackend === 'wasm') expect(cpu.steps - suite.steps).toBeGreaterThanOrEqual(1);
  });
});
