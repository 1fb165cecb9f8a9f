/** Each worker activates its own backend and checks it is the one the run announced. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { useBackend } from '../../src/backend/select.ts';

const announced = inject('backend');
const active = await useBackend();
if (active !== announced) {
  throw new Error(`initspec: this worker runs on '${active}' but the run announced '${announced}'`);
}

// Silences tfjs's one-time "install tfjs-node" banner when a test switches to the cpu backend.
tf.env().set('IS_TEST', true);

// Tensor hygiene per spec file: whatever a file's tests allocate, they must dispose.
let tensorsAtStart = 0;
beforeAll(() => {
  tensorsAtStart = tf.memory().numTensors;
});
afterAll(() => {
  const leaked = tf.memory().numTensors - tensorsAtStart;
  if (leaked !== 0)
    throw new Error(
      `${expect.getState().testPath ?? 'this spec file'}: its tests left ${leaked} tensor(s) alive (tf.memory().numTensors ${tensorsAtStart} → ${tensorsAtStart + leaked})`,
    );
});
