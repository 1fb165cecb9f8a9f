/**
 * The matchers users gate their initializers with, on initspec's own library and on tfjs-layers:
 * a right init passes, a realistic bug fails with the numbers, and each states α and δ.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers } from '@tensorflow/tfjs-layers';
import { afterEach, describe, expect, test } from 'vitest';
import { kaimingNormal, kaimingUniform } from '../../src/index.ts';
import type { WeightInit } from '../../src/init/types.ts';
import { initspecMatchers } from '../../src/vitest/index.ts';

expect.extend(initspecMatchers);

// These test the matchers; they are not claims of the notebook: keep their records out of claims.{md,html}.
afterEach(({ task }) => {
  delete task.meta.initspec;
});

const heUniform: WeightInit = (shape, seed) => kaimingUniform(shape, { nonlinearity: 'relu', seed });
const heNormalFanOut: WeightInit = (shape, seed) => kaimingNormal(shape, { nonlinearity: 'relu', mode: 'fan_out', seed });
const tfjsHeNormal: WeightInit = (shape, seed) => initializers.heNormal({ seed }).apply([...shape], 'float32');

describe('toDrawLike', () => {
  test('initspec kaimingUniform(relu) draws kaiming-uniform (relu), with both ±2% controls detected', async () => {
    await expect(heUniform).toDrawLike('kaiming-uniform', { nonlinearity: 'relu' });
  }, 120_000);

  test('fan_out where fan_in was meant is caught on the non-square shapes', async () => {
    await expect(expect(heNormalFanOut).toDrawLike('kaiming-normal', { nonlinearity: 'relu' })).rejects.toThrow(
      /std at \[128, 512\].*NOT inside/,
    );
  }, 120_000);

  test("tfjs-layers' heNormal is caught: 0.88× the documented std (tensorflow/tfjs#8594)", async () => {
    await expect(expect(tfjsHeNormal).toDrawLike('kaiming-normal', { nonlinearity: 'relu', layout: 'tfjs' })).rejects.toThrow(
      /\(ratio 0\.8[78]\d*\)/,
    );
  }, 120_000);

  test('bad input names the problem', async () => {
    await expect(expect(42).toDrawLike('kaiming-uniform')).rejects.toThrow(/expect\(\) takes an initializer/);
    await expect(expect(heUniform).toDrawLike('he-uniform' as never)).rejects.toThrow(
      /unknown scheme "he-uniform"; known: kaiming-uniform/,
    );
    await expect(expect(heUniform).toDrawLike('kaiming-uniform', { alpha: 2 })).rejects.toThrow(/alpha must be in \(0, 0\.5\)/);
  });
});

describe('toPreserveSecondMoment', () => {
  test('kaiming (relu) keeps E[x²] through 10 ReLU layers', async () => {
    await expect(heUniform).toPreserveSecondMoment({ activation: 'relu', width: 128, layers: 10 });
  }, 120_000);

  test('the same init without the ReLU gain (lecun) halves E[x²] per layer and fails', async () => {
    const lecun: WeightInit = (shape, seed) => kaimingUniform(shape, { nonlinearity: 'linear', seed });
    await expect(expect(lecun).toPreserveSecondMoment({ activation: 'relu', width: 128, layers: 10 })).rejects.toThrow(/NOT inside/);
  }, 120_000);
});

describe('toHaveStd', () => {
  test('a 1024×512 draw has its std; a tiny tensor cannot decide δ and says how many values it needs', () => {
    // 2% at α 0.001 needs ~338k values (chi-square, half-width 0.4·δ/2): 524k here
    const w = kaimingUniform([1024, 512], { nonlinearity: 'relu', seed: 3 });
    const small = tf.slice(w, [0, 0], [4, 4]);
    try {
      expect(w).toHaveStd(Math.sqrt(2 / 512));
      expect(() => expect(w).toHaveStd(Math.sqrt(2 / 512) * 1.1)).toThrow(/NOT inside/);
      expect(() => expect(small).toHaveStd(Math.sqrt(2 / 512))).toThrow(
        /the tensor has 16 values; deciding δ = 0.02 at α = 0.001 needs \d+/,
      );
    } finally {
      tf.dispose([w, small]);
    }
  });
});
