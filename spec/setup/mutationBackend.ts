/** Mutation runs have no globalSetup: activate the backend here and silence tfjs's cpu banner. */
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src/backend/select.ts';

await useBackend();
tf.env().set('IS_TEST', true);
