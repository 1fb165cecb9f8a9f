/** Each worker activates its own backend and checks it is the one the run announced. */
import * as tf from '@tensorflow/tfjs-core';
import { inject } from 'vitest';
import { useBackend } from '../../src/backend/select.ts';

const announced = inject('backend');
const active = await useBackend();
if (active !== announced) {
  throw new Error(`initspec: this worker runs on '${active}' but the run announced '${announced}'`);
}

// Silences tfjs's one-time "install tfjs-node" banner when a test switches to the cpu backend.
tf.env().set('IS_TEST', true);
