/** Bad input gets an error that names the function, the parameter and what is accepted. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/cli/args.ts';
import { byTier, tier } from '../../src/claim/tier.ts';
import {
  activateBackend,
  calculateGain,
  computeFans,
  initByName,
  kaimingNormal,
  kaimingUniform,
  masterSeed,
  meanCI,
  medianCI,
  normal,
  notebook,
  orthogonal,
  parseSeed,
  proportionCI,
  seedFor,
  trialsForMeanHalfWidth,
  truncNormal,
  uniform,
  xavierUniform,
  alphaFor,
  lsuv,
} from '../../src/index.ts';
import { powerFactors, powerMargin, scaleInit } from '../../src/claim/power.ts';
import { chainTrial } from '../../src/chain/chainTrial.ts';
import { requestedMutant } from '../../src/power/mutants.ts';
import { schemeFamily } from '../../src/theory/schemeFamily.ts';

const cases: Array<[string, () => unknown, RegExp]> = [
  [
    'power: scale factor 0',
    () => scaleInit((shape, seed) => uniform(shape, { seed }), 0),
    /scaleInit: factor must be a positive finite number, got 0/,
  ],
  ['power: δ of 1', () => powerFactors(1), /powerFactors: δ must be in \(0, 1\), got 1/],
  ['power: a margin from no move', () => powerMargin([0.1, 0]), /powerMargin: needs the nonzero moves δ makes, got \[0.1, 0\]/],
  [
    'power: unknown mutant',
    () => requestedMutant({ INITSPEC_MUTANT: 'std×2' }),
    /INITSPEC_MUTANT: unknown mutant "std×2"; choose one of std×1.1, std×0.9/,
  ],
  [
    'chain: rateSteps past maxSteps',
    () => chainTrial({ init: (shape, seed) => uniform(shape, { seed }), dim: 4, activation: 'linear', maxSteps: 5, seed: 1, rateSteps: 6 }),
    /chainTrial: rateSteps must be an integer in \[1, maxSteps = 5\], got 6/,
  ],
  ['theory: unknown scheme family', () => schemeFamily('he-normal'), /schemeFamily: no family for scheme "he-normal"/],
  ['zero dim', () => uniform([0, 3], { seed: 1 }), /uniform: shape\[0\] must be a positive integer, got 0/],
  ['negative dim', () => normal([4, -2], { seed: 1 }), /normal: shape\[1\] must be a positive integer, got -2/],
  ['fractional dim', () => uniform([2.5, 3], { seed: 1 }), /shape\[0\] must be a positive integer, got 2.5/],
  ['NaN dim', () => orthogonal([Number.NaN, 3], { seed: 1 }), /orthogonal: shape\[0\] must be a positive integer, got NaN/],
  ['empty shape', () => uniform([], { seed: 1 }), /uniform: shape must be a non-empty array/],
  ['rank-1 fans', () => computeFans([5]), /computeFans: shape must have rank >= 2/],
  ['rank-1 xavier', () => xavierUniform([5], { seed: 1 }), /computeFans: shape must have rank >= 2/],
  ['rank-1 orthogonal', () => orthogonal([5], { seed: 1 }), /orthogonal: shape must have rank >= 2/],
  ['negative std', () => normal([2, 2], { std: -1, seed: 1 }), /normal: std must be >= 0, got -1/],
  ['NaN std', () => normal([2, 2], { std: Number.NaN, seed: 1 }), /normal: std must be a finite number, got NaN/],
  ['zero std truncNormal', () => truncNormal([2, 2], { std: 0, seed: 1 }), /truncNormal: std must be > 0/],
  ['low ≥ high', () => uniform([2, 2], { low: 1, high: 1, seed: 1 }), /uniform: low must be < high, got low=1, high=1/],
  ['a ≥ b', () => truncNormal([2, 2], { a: 2, b: -2, seed: 1 }), /truncNormal: a must be < b/],
  ['empty truncation window', () => truncNormal([2, 2], { a: 10, b: 11, seed: 1 }), /more than 5 std from the mean/],
  [
    'unknown nonlinearity',
    () => calculateGain('swish' as never),
    /calculateGain: unknown nonlinearity "swish"; choose one of linear, .*relu/,
  ],
  [
    'unknown nonlinearity via kaiming',
    () => kaimingNormal([2, 2], { nonlinearity: 'gelu' as never, seed: 1 }),
    /unknown nonlinearity "gelu"/,
  ],
  [
    'unknown mode',
    () => kaimingUniform([2, 2], { mode: 'fan_avg' as never, seed: 1 }),
    /kaimingUniform: unknown mode "fan_avg"; choose one of fan_in, fan_out/,
  ],
  ['NaN leaky slope', () => calculateGain('leaky_relu', Number.NaN), /param \(negative slope\) must be a finite number/],
  ['unknown scheme', () => initByName('he-normal', [2, 2], 1), /unknown init scheme "he-normal"; choose one of uniform\(±0.01\), /],
  ['fractional seed', () => uniform([2, 2], { seed: 1.5 }), /uniform: seed must be an integer in \[0, 4294967295\], got 1.5/],
  ['negative seed', () => normal([2, 2], { seed: -3 }), /normal: seed must be an integer/],
  ['huge seed', () => orthogonal([2, 2], { seed: 2 ** 40 }), /orthogonal: seed must be an integer in \[0, 4294967295\]/],
  ['missing seed', () => uniform([2, 2], {} as never), /uniform: seed must be an integer/],
  ['negative gain', () => xavierUniform([2, 2], { gain: -1, seed: 1 }), /xavierUniform: gain must be >= 0/],
  [
    'INITSPEC_SEED not a number',
    () => masterSeed({ INITSPEC_SEED: 'abc' }),
    /INITSPEC_SEED must be an integer in \[0, 4294967295\], got "abc"/,
  ],
  ['INITSPEC_SEED huge', () => masterSeed({ INITSPEC_SEED: '99999999999' }), /INITSPEC_SEED must be an integer/],
  ['seed flag with sign', () => parseSeed('-1', '--seed'), /--seed must be an integer/],
  ['empty claim id', () => seedFor('', 0), /seedFor: claimId must be a non-empty string/],
  ['negative trial', () => seedFor('C1', -1), /seedFor: trial must be a non-negative integer/],
  ['meanCI with 1 sample', () => meanCI([1]), /meanCI requires at least 2 samples, got 1/],
  ['meanCI with NaN', () => meanCI([1, Number.NaN, 2]), /meanCI: sample 1 is NaN/],
  ['confidence out of range', () => meanCI([1, 2], { confidence: 95 }), /meanCI: confidence must be in \(0, 1\), got 95/],
  ['proportion successes > trials', () => proportionCI(5, 3), /proportionCI: successes must be an integer in \[0, 3\], got 5/],
  ['median of too few', () => medianCI([1, 2], { confidence: 0.999 }), /medianCI requires at least 11 samples, got 2/],
  [
    'zero margin sample size',
    () => trialsForMeanHalfWidth({ sd: 1, halfWidth: 0, confidence: 0.95 }),
    /halfWidth must be a positive finite number/,
  ],
  ['claim without α', () => alphaFor('C999'), /"C999" has no line in ALPHA_LEDGER/],
  ['unknown notebook cell', () => notebook('In [999]', 'x'), /no cell "In \[999\]"/],
  ['lsuv tol 0', () => lsuv([eye(2)], eye(2), { tol: 0 }), /lsuv: tol must be > 0, got 0/],
  ['lsuv maxIter 0', () => lsuv([eye(2)], eye(2), { maxIter: 0 }), /lsuv: maxIter must be a positive integer, got 0/],
  ['lsuv no layers', () => lsuv([], eye(2)), /lsuv: layers must not be empty/],
  ['lsuv shape mismatch', () => lsuv([eye(3)], eye(2)), /lsuv: layer 0 takes 3 inputs but receives 2/],
  ['CLI unknown init', () => parseCommand(['chain', '--init', 'he']), /--init "he" is not known; choose one of: uniform\(±0.01\)/],
  ['CLI missing init', () => parseCommand(['chain']), /--init is required; choose one of/],
  ['CLI dim 0', () => parseCommand(['chain', '--init', 'orthogonal', '--dim', '0']), /--dim must be an integer from 1 to 4096, got "0"/],
  [
    'CLI trials 1',
    () => parseCommand(['moments', '--init', 'orthogonal', '--trials', '1']),
    /--trials must be an integer from 2 to 100000, got "1"/,
  ],
  [
    'CLI bad activation',
    () => parseCommand(['chain', '--init', 'orthogonal', '--act', 'gelu']),
    /--act "gelu" is not known; choose one of: linear, relu/,
  ],
  [
    'CLI bad backend',
    () => parseCommand(['chain', '--init', 'orthogonal', '--backend', 'gpu']),
    /--backend "gpu" is not known; choose one of: tensorflow, wasm, cpu/,
  ],
  ['CLI unknown flag', () => parseCommand(['chain', '--init', 'orthogonal', '--bogus']), /Unknown option '--bogus'/],
  ['CLI unknown command', () => parseCommand(['walk']), /unknown command "walk"; choose one of: chain, moments/],
  ['CLI seed not a number', () => parseCommand(['chain', '--init', 'orthogonal', '--seed', 'x1']), /--seed must be an integer/],
  ['INITSPEC_TIER unknown', () => tier({ INITSPEC_TIER: 'slow' }), /INITSPEC_TIER="slow" is not a tier: choose one of fast, full, tails/],
];

function eye(n: number) {
  return tf.eye(n) as tf.Tensor2D;
}

describe(`bad input is refused with a message naming the problem (${cases.length} cases)`, () => {
  test.each(cases)('%s', (_, call, message) => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      expect(call).toThrow(message);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  test("the tails tier takes the full tier's bounds", () => {
    const floors = { fast: 0.5, full: 0.85 };
    expect([undefined, 'fast', 'full', 'tails'].map((t) => byTier(floors, { INITSPEC_TIER: t }))).toEqual([0.5, 0.5, 0.85, 0.85]);
  });

  test('INITSPEC_BACKEND=nonsense names the valid choices', async () => {
    await expect(activateBackend({ INITSPEC_BACKEND: 'nonsense' })).rejects.toThrow(
      /INITSPEC_BACKEND="nonsense" is not a backend: choose one of tensorflow, wasm, cpu/,
    );
  });
});
