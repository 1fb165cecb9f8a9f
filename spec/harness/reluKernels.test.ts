/** The ReLU kernels' theory against closed forms, and the measured NTK against the parameters' own gradients. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { arcCosineKernel0, arcCosineKernel1, reluKernels } from '../../src/theory/reluKernels.ts';
import { correlatedInputs, reluNetKernels } from '../../src/experiments/reluNetKernels.ts';
import { initByName } from '../../src/init/schemes.ts';
import { deriveSeed } from '../../src/rng/seed.ts';

describe('arc-cosine recursion (src/theory/reluKernels.ts)', () => {
  test('closed forms: E[relu²] = q/2, orthogonal inputs map to 1/π, E[relu′relu′] = ½ at c = 1 and ¼ at c = 0', () => {
    expect(arcCosineKernel1(1)).toBeCloseTo(0.5, 14);
    expect(2 * arcCosineKernel1(0)).toBeCloseTo(1 / Math.PI, 14);
    expect(arcCosineKernel0(1)).toBeCloseTo(0.5, 14);
    expect(arcCosineKernel0(0)).toBeCloseTo(0.25, 14);
    expect(arcCosineKernel1(-1)).toBeCloseTo(0, 14);
  });

  test("σ_w² = 2 keeps q and follows c' = (√(1 − c²) + (π − arccos c)·c)/π; the NTK's diagonal grows by q a layer", () => {
    const points = reluKernels({ hidden: 4, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: 0.3 } });
    let c = 0.3;
    points.forEach((p, i) => {
      expect(p.qa).toBeCloseTo(2, 12);
      expect(p.correlation).toBeCloseTo(c, 12);
      expect(p.ntkAa).toBeCloseTo(2 * (i + 1), 12);
      c = (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c) / Math.PI;
    });
  });

  test('bad input names the problem', () => {
    expect(() => reluKernels({ hidden: 0, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: 0 } })).toThrow(/hidden must be an integer ≥ 1/);
    expect(() => reluKernels({ hidden: 2, weightVariance: Number.NaN, inputs: { aa: 1, bb: 1, ab: 0 } })).toThrow(/weightVariance/);
    expect(() => reluKernels({ hidden: 2, weightVariance: 2, inputs: { aa: 1, bb: 1, ab: 2 } })).toThrow(/must be a covariance/);
    expect(() => arcCosineKernel1(1.5)).toThrow(/must lie in \[-1, 1\], got 1.5/);
    expect(() => correlatedInputs(8, [1], 1)).toThrow(/each correlation must lie in \[0, 1\), got 1/);
  });
});

describe('the measured kernels (src/experiments/reluNetKernels.ts)', () => {
  test('inputs sit at |x|²/n = 1 and at their stated correlations with the anchor', () => {
    const n = 64;
    const rows = correlatedInputs(n, [0, 0.5, 0.9], 3);
    const dot = (i: number, j: number) => rows.slice(i * n, i * n + n).reduce((s, v, k) => s + v * (rows[j * n + k] as number), 0) / n;
    [0, 1, 2, 3].forEach((i) => expect(dot(i, i)).toBeCloseTo(1, 12));
    [0, 0.5, 0.9].forEach((c, p) => expect(dot(0, p + 1)).toBeCloseTo(c, 12));
  });

  test("the NTK through the layers' outer products equals the inner products of the parameters' own gradients", () => {
    const [n, hidden, seed] = [16, 3, 11];
    const init = (shape: readonly number[], s: number) => initByName('kaiming-normal', shape as [number, number], s);
    const before = tf.memory().numTensors;
    const { ntk, nngp } = reluNetKernels({ init, width: n, hidden, correlations: [0.4], weightVariance: 2, seed });
    // the same net, its parameters θ = W·√n/σ_w as variables of f, one input at a time
    const sigma = Math.SQRT2;
    const thetas = tf.tidy(() =>
      [
        ...Array.from({ length: hidden }, (_, l) => init([n, n], deriveSeed(seed, `layer ${l + 1}`))),
        init([1, n], deriveSeed(seed, 'readout')),
      ].map((w) => tf.mul(w, Math.sqrt(n) / sigma)),
    );
    const inputs = correlatedInputs(n, [0.4], seed);
    const gradient = (row: number) => {
      const flat = tf.tidy(() => {
        const x = tf.tensor2d(Float32Array.from(inputs.slice(row * n, row * n + n)), [1, n]);
        const grads = tf.grads((...ts: tf.Tensor[]) => {
          let a: tf.Tensor = x;
          ts.forEach((t, l) => {
            const h = tf.matMul(a, tf.transpose(tf.mul(t, sigma / Math.sqrt(n))));
            a = l < hidden ? tf.relu(h) : h;
          });
          return tf.sum(a);
        })(thetas);
        return tf.concat(grads.map((g) => tf.reshape(g, [-1])));
      });
      const values = Float64Array.from(flat.dataSync());
      flat.dispose();
      return values;
    };
    const [ga, gb] = [gradient(0), gradient(1)];
    const inner = (u: Float64Array, v: Float64Array) => u.reduce((s, x, k) => s + x * (v[k] as number), 0);
    expect(ntk[0]?.[1]).toBeCloseTo(inner(ga, gb), 3);
    expect(ntk[0]?.[0]).toBeCloseTo(inner(ga, ga), 3);
    expect(nngp).toHaveLength(hidden);
    tf.dispose(thetas);
    expect(tf.memory().numTensors).toBe(before);
  });
});
