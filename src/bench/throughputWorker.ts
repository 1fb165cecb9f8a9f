/** A child process of the bench: 512² chain steps for a fixed time on its own backend; prints steps done. */
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../backend/select.ts';
import { initByName } from '../init/schemes.ts';

await useBackend();
const seconds = Number(process.argv[2] ?? '5');
const weightT = tf.transpose(initByName('randn/√dim', [512, 512], 1));
let x = tf.clone(weightT);
let steps = 0;
const started = performance.now();
while (performance.now() - started < seconds * 1000) {
  const next = tf.matMul(x, weightT);
  x.dispose();
  x = next;
  steps++;
  if (steps % 8 === 0) x.dataSync();
}
const elapsed = performance.now() - started;
process.stdout.write(JSON.stringify({ steps, ms: elapsed }));
