/** Backend selection and the float32 underflow probe. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, test } from 'vitest';
import {
  activateBackend,
  chooseBackend,
  describeBackend,
  FLOAT32_SMALLEST_DENORMAL,
  FLOAT32_SMALLEST_NORMAL,
  installedBackends,
  probeUnderflow,
  requestedBackend,
} from '../../src/index.ts';

const suiteBackendAtStart = tf.getBackend();

describe('backend selection', () => {
  test('the suite runs on a fast backend unless cpu was asked for by name', () => {
    const backend = tf.getBackend();
    if (process.env.INITSPEC_BACKEND !== 'cpu') expect(['wasm', 'tensorflow']).toContain(backend);
    expect(describeBackend().name).toBe(backend);
  });

  test('INITSPEC_BACKEND is parsed, blank means "choose"', () => {
    expect(requestedBackend({ INITSPEC_BACKEND: 'wasm' })).toBe('wasm');
    expect(requestedBackend({ INITSPEC_BACKEND: '  ' })).toBeUndefined();
    expect(requestedBackend({})).toBeUndefined();
  });

  test('unset, the default is tensorflow where tfjs-node loads, else wasm, and the choice says why', async () => {
    const choice = await chooseBackend({});
    if (installedBackends().includes('tensorflow'))
      expect(choice).toEqual({ name: 'tensorflow', why: expect.stringMatching(/^tfjs-node is set up/) });
    else expect(choice).toEqual({ name: 'wasm', why: expect.stringMatching(/^tfjs-node is not set up/) });
    expect(await chooseBackend({ INITSPEC_BACKEND: 'wasm' })).toEqual({ name: 'wasm', why: 'INITSPEC_BACKEND=wasm' });
    await tf.setBackend(suiteBackendAtStart);
  });

  test('wasm and cpu are installed (dependencies); tensorflow only when tfjs-node installed', () => {
    expect(installedBackends()).toEqual(expect.arrayContaining(['wasm', 'cpu']));
  });

  test.skipIf(installedBackends().includes('tensorflow'))(
    'asking for tensorflow without tfjs-node fails, naming the env var and what is installed',
    async () => {
      await expect(activateBackend({ INITSPEC_BACKEND: 'tensorflow' })).rejects.toThrow(
        /INITSPEC_BACKEND=tensorflow is unavailable: its package does not load .*Installed backends: wasm, cpu/,
      );
    },
  );
});

describe('the float32 underflow probe', () => {
  const suiteBackend = tf.getBackend();
  afterAll(async () => {
    await tf.setBackend(suiteBackend);
  });

  test('reports a power of two between the smallest denormal and the smallest normal, consistently', () => {
    const probe = probeUnderflow();
    expect(Number.isInteger(Math.log2(probe.smallestPositiveOutput))).toBe(true);
    expect(probe.smallestPositiveOutput).toBeGreaterThanOrEqual(FLOAT32_SMALLEST_DENORMAL);
    expect(probe.smallestPositiveOutput).toBeLessThanOrEqual(FLOAT32_SMALLEST_NORMAL);
    expect(probe.flushesDenormalOutputs).toBe(probe.smallestPositiveOutput === FLOAT32_SMALLEST_NORMAL);
  });

  test('the cpu backend (JS doubles stored to Float32Array) keeps denormals down to 2^-149 and rounds a dot product once', async () => {
    await tf.setBackend('cpu');
    expect(probeUnderflow()).toEqual({
      smallestPositiveOutput: FLOAT32_SMALLEST_DENORMAL,
      flushesDenormalOutputs: false,
      treatsDenormalInputsAsZero: false,
      roundsEachProduct: false,
    });
  });

  test('the wasm backend (XNNPACK, SIMD without fused multiply-add) keeps denormals and rounds each product before the sum', async () => {
    await tf.setBackend('wasm');
    expect(probeUnderflow()).toMatchObject({ flushesDenormalOutputs: false, roundsEachProduct: true });
  });

  test('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    probeUnderflow(8);
    expect(tf.memory().numTensors).toBe(before);
  });
});
