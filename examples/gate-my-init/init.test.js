import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { initspecMatchers } from 'initspec/vitest';
import { heUniform, heUniformFanOutBug } from './init.js';

expect.extend(initspecMatchers);

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('heUniform', () => {
  test('draws Kaiming uniform for ReLU (fan_in), at α 0.001 with ±2% power controls', async () => {
    await expect(heUniform).toDrawLike('kaiming-uniform', { nonlinearity: 'relu' });
  });

  test('keeps E[x²] through 10 fresh ReLU layers (±5% power controls)', async () => {
    await expect(heUniform).toPreserveSecondMoment({ activation: 'relu', width: 256, layers: 10 });
  });

  test('one drawn weight has the documented std', () => {
    // deciding δ = 2% at α = 0.001 takes ~341k values: a 1024×512 weight has 524k
    const w = heUniform([1024, 512], 7);
    try {
      expect(w).toHaveStd(Math.sqrt(2 / 512));
    } finally {
      w.dispose();
    }
  });
});

describe('heUniformFanOutBug', () => {
  // expected to fail: the gate must catch it (the non-square shapes give fan_out ≠ fan_in)
  test.fails('is caught by toDrawLike', async () => {
    await expect(heUniformFanOutBug).toDrawLike('kaiming-uniform', { nonlinearity: 'relu' });
  });
});
