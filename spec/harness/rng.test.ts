/** Seeds derive stably from (master, claim id, trial), and a seed means the same tensor on every backend. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_MASTER_SEED, deriveSeed, initByName, masterSeed, SCHEME_NAMES, seedFor } from '../../src/index.ts';

describe('seedFor', () => {
  test('is a pure function of (master, claim id, trial)', () => {
    expect(seedFor('C8', 3, 7)).toBe(seedFor('C8', 3, 7));
    expect(new Set([seedFor('C8', 0, 7), seedFor('C8', 1, 7), seedFor('C9', 0, 7), seedFor('C8', 0, 8)]).size).toBe(4);
  });

  test("is pinned: a change to the derivation would silently change every claim's numbers", () => {
    expect(seedFor('C8', 0, DEFAULT_MASTER_SEED)).toMatchInlineSnapshot(`3986617034`);
    expect(deriveSeed(12345, 'x')).toMatchInlineSnapshot(`4018395907`);
  });

  test('the master seed comes from INITSPEC_SEED, else the documented default', () => {
    expect(masterSeed({})).toBe(DEFAULT_MASTER_SEED);
    expect(masterSeed({ INITSPEC_SEED: ' 42 ' })).toBe(42);
  });

  test('spreads: 10000 trial seeds of one claim are distinct', () => {
    expect(new Set(Array.from({ length: 10_000 }, (_, i) => seedFor('C3', i, 1))).size).toBe(10_000);
  });
});

describe("the same seed gives bit-identical tensors on the cpu backend and the suite's backend", () => {
  const suiteBackend = tf.getBackend();
  afterAll(async () => {
    await tf.setBackend(suiteBackend);
  });

  test.each(SCHEME_NAMES)('%s', async (name) => {
    const draw = () => {
      const t = initByName(name, [32, 48], seedFor('rng/cross-backend', 0));
      const bits = new Uint32Array((t.dataSync() as Float32Array).slice().buffer);
      t.dispose();
      return Array.from(bits);
    };
    await tf.setBackend('cpu');
    const onCpu = draw();
    await tf.setBackend(suiteBackend);
    expect(tf.getBackend()).toBe(suiteBackend);
    expect(draw()).toEqual(onCpu);
  });
});
