/**
 * The layer a tfjs user gets: tf.layers.dense({ units }) with no initializer, in a built
 * sequential model. Its default kernel initializer (glorotNormal) draws its seed from
 * Math.random, so the model is built with Math.random seeded from the trial's seed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { layers, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { withSeededMathRandom } from '../../src/rng/seededMathRandom.ts';

export interface DenseStack {
  /** Input width, the first layer's units, and how many width×width layers follow it. */
  inputs: number;
  width: number;
  depth: number;
  /** Unset: the default (glorotNormal); set: e.g. 'glorotUniform', a control with the documented std. */
  kernelInitializer?: 'glorotUniform';
}

/** The model, built with every kernel drawn by its layer's initializer, then scaled by `kernelScale`. */
export function buildDenseStack({ inputs, width, depth, kernelInitializer }: DenseStack, seed: number, kernelScale = 1): Sequential {
  const model = withSeededMathRandom(seed, () =>
    sequential({
      layers: Array.from({ length: depth + 1 }, (_, l) =>
        layers.dense({ units: width, ...(l === 0 ? { inputShape: [inputs] } : {}), ...(kernelInitializer ? { kernelInitializer } : {}) }),
      ),
    }),
  );
  if (kernelScale !== 1) {
    for (const layer of model.layers) {
      tf.tidy(() => {
        const [kernel, bias] = layer.getWeights();
        layer.setWeights([tf.mul(kernel as tf.Tensor, kernelScale), bias as tf.Tensor]);
      });
    }
  }
  return model;
}

/** The first layer's kernel and the forward pass of a batch: second moments after layer 1 and after the last. */
export function denseStackTrial(
  stack: DenseStack,
  seed: number,
  input: Float32Array,
  batch: number,
  kernelScale = 1,
): { firstKernel: Float32Array; afterFirst: Float32Array; afterLast: Float32Array } {
  const model = buildDenseStack(stack, seed, kernelScale);
  try {
    const firstKernel = (model.layers[0]?.getWeights()[0] as tf.Tensor).dataSync() as Float32Array;
    const [first, last] = tf.tidy(() => {
      const x = tf.tensor2d(input, [batch, stack.inputs]);
      const outputs: tf.Tensor[] = [];
      let y: tf.Tensor = x;
      for (const layer of model.layers) {
        y = layer.apply(y) as tf.Tensor;
        outputs.push(y);
      }
      return [outputs[0] as tf.Tensor, y];
    });
    try {
      return { firstKernel: firstKernel.slice(), afterFirst: first.dataSync() as Float32Array, afterLast: last.dataSync() as Float32Array };
    } finally {
      tf.dispose([first, last]);
    }
  } finally {
    model.dispose();
  }
}
