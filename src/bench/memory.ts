/** Peak memory of one trial of each heavy claim kind. */
import * as tf from '@tensorflow/tfjs-core';
import { chainTrial } from '../chain/chainTrial.ts';
import { deepChain } from '../chain/deepChain.ts';
import { initByName } from '../init/schemes.ts';
import { sig3 } from './measure.ts';

/**
 * Peak tensor memory of one trial of each heavy claim kind (tf.profile's peakBytes: the most
 * bytes alive at once in tfjs), and the process's peak resident set. The deep net with fresh
 * matrices is the heaviest claim: it holds x, W and W's float32 draw at 512².
 */
export async function memoryTable() {
  const init = (shape: readonly number[], seed: number) => initByName('kaiming-uniform', shape, seed);
  const kinds: Array<[string, () => void]> = [
    [
      'chain C4 (kaiming uniform, linear, 512², up to 500 steps)',
      () => void chainTrial({ init, dim: 512, activation: 'linear', maxSteps: 500, seed: 5 }),
    ],
    [
      'deep net, fresh W per layer (512², 100 layers, ReLU)',
      () => void deepChain({ init, dim: 512, activation: 'relu', checkpoints: [10, 50, 100], reuse: false, seed: 5 }),
    ],
    [
      'deep net, reused W (512², 100 layers, ReLU)',
      () => void deepChain({ init, dim: 512, activation: 'relu', checkpoints: [100], reuse: true, seed: 5 }),
    ],
  ];
  const rows = [];
  for (const [trial, run] of kinds) {
    const before = tf.memory().numTensors;
    const info = await tf.profile(run);
    rows.push({ trial, 'peak tensor MiB': sig3(info.peakBytes / 2 ** 20), 'tensors left': tf.memory().numTensors - before });
  }
  return { rows, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}
