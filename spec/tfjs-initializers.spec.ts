/**
 * An audit the notebook's reader would want next: do TensorFlow.js's own initializers
 * (tfjs-layers) draw what their published formulas say? Shapes follow tfjs's [fanIn, fanOut]
 * order for 2-D kernels. Finding: the *normal* variants draw from a normal truncated at ±2σ
 * without rescaling, so their std is 0.8796× the formula's — a documented deviation, stated
 * here as a claim that holds (ratio = 0.8796) beside one that fails (ratio = 1).
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers' orthogonal initializer calls chained tensor methods (t.flatten(), t.transpose())
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { initializers } from '@tensorflow/tfjs-layers';
import { DEFAULT_DELTA, meanWithin, powerMargin, stdMoves, stdWithin } from '../src/claim/index.ts';
import type { ClaimSpec, TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import type { SeededDraw } from '../src/init/types.ts';
import { readValues } from '../src/backend/readValues.ts';
import { normal } from '../src/index.ts';
import { heVariance, lecunVariance, truncatedStdRatio, xavierVariance } from '../src/theory/index.ts';
import { pct } from '../src/text/format.ts';

const [fanIn, fanOut] = [512, 256];
const shape = [fanIn, fanOut];
/**
 * ±0.8% on the std ratio: 0.4 of what δ = 2% (the weights default) moves it, so a ±δ error shows
 * outside it; a trial pools fanIn·fanOut = 131 072 weights, and the trials follow (stdWithin).
 */
const RELATIVE_MARGIN = powerMargin(stdMoves(DEFAULT_DELTA.weights));
const weightsPower = (draw: SeededDraw) => ({
  delta: DEFAULT_DELTA.weights,
  basis: `weights: the std moves by ±${pct(DEFAULT_DELTA.weights)}; the ${pct(RELATIVE_MARGIN)} margin is 0.4 of that`,
  scaled: (f: number) => weightsOf((seed) => tf.tidy(() => tf.mul(draw(seed), f))),
});
const TRUNCATED = truncatedStdRatio(2);

const tfjs =
  (name: 'heNormal' | 'heUniform' | 'glorotNormal' | 'glorotUniform' | 'leCunNormal' | 'leCunUniform'): SeededDraw =>
  (seed) =>
    initializers[name]({ seed }).apply(shape, 'float32');

const weightsOf =
  (draw: SeededDraw) =>
  ({ seed }: TrialContext) => ({ weights: readValues(() => draw(seed)) });

/** The published std of each initializer, for tfjs's [fanIn, fanOut] kernel. */
const PUBLISHED = {
  he: { std: Math.sqrt(heVariance(fanIn)), formula: '√(2/fan_in)' },
  glorot: { std: Math.sqrt(xavierVariance(fanIn, fanOut)), formula: '√(2/(fan_in+fan_out))' },
  leCun: { std: Math.sqrt(lecunVariance(fanIn)), formula: '√(1/fan_in)' },
};

function auditClaim(options: {
  id: string;
  name: Parameters<typeof tfjs>[0];
  family: keyof typeof PUBLISHED;
  ratio: number;
  ratioWhy: string;
  expectedFailure?: { checks: string[]; why: string };
}) {
  const { id, name, family, ratio, ratioWhy, expectedFailure } = options;
  const { std, formula } = PUBLISHED[family];
  return {
    id,
    statement: `tfjs-layers ${name} on a [${fanIn}, ${fanOut}] kernel has std ${ratio === 1 ? '' : `${ratio.toFixed(4)} × `}${formula} (${ratioWhy}), within ${pct(RELATIVE_MARGIN)}`,
    measure: weightsOf(tfjs(name)),
    checks: [
      stdWithin({
        of: 'weights',
        label: `std of tfjs ${name}`,
        target: { value: ratio * std, formula: `${ratio === 1 ? '' : `${ratio.toFixed(4)}·`}${formula} = ${(ratio * std).toPrecision(5)}` },
        relativeMargin: RELATIVE_MARGIN,
        perTrial: fanIn * fanOut,
      }),
    ],
    controls: [
      {
        label: 'a normal with std 1.1× the target (wrong gain)',
        measure: weightsOf((seed) => normal(shape, { std: 1.1 * ratio * std, seed })),
      },
    ],
    power: weightsPower(tfjs(name)),
    ...(expectedFailure ? { expectedFailure } : {}),
  };
}

const truncation = `truncated at ±2σ and not rescaled: √(1 - 4φ(2)/(2Φ(2)-1)) = ${TRUNCATED.toFixed(4)}`;

claim(auditClaim({ id: 'A-heUniform', name: 'heUniform', family: 'he', ratio: 1, ratioWhy: 'U(±√(6/fan_in))' }));
claim(auditClaim({ id: 'A-glorotUniform', name: 'glorotUniform', family: 'glorot', ratio: 1, ratioWhy: 'U(±√(6/(fan_in+fan_out)))' }));
claim(auditClaim({ id: 'A-heNormal', name: 'heNormal', family: 'he', ratio: TRUNCATED, ratioWhy: truncation }));
claim(auditClaim({ id: 'A-glorotNormal', name: 'glorotNormal', family: 'glorot', ratio: TRUNCATED, ratioWhy: truncation }));
claim(auditClaim({ id: 'A-leCunNormal', name: 'leCunNormal', family: 'leCun', ratio: TRUNCATED, ratioWhy: truncation }));
claim(
  auditClaim({
    id: 'A-heNormal-published',
    name: 'heNormal',
    family: 'he',
    ratio: 1,
    ratioWhy: 'the published He et al. formula',
    expectedFailure: {
      checks: ['std of tfjs heNormal'],
      why: `tfjs-layers draws heNormal from truncatedNormal(0, √(2/fan_in)) — ${truncation} — so its std is 12% below the formula (tensorflow/tfjs#8594); the claim A-heNormal measures the ratio`,
    },
  }),
);

/** max |WᵀW - I| of tfjs-layers' orthogonal initializer on a [48, 32] kernel (under its 2000-element slowness warning). */
const orthogonalShape = [48, 32];
const deviationFromOrthogonal =
  (draw: SeededDraw) =>
  ({ seed }: TrialContext) => ({
    maxDeviation: tf.tidy(() => {
      const w = draw(seed);
      return tf.max(tf.abs(tf.sub(tf.matMul(w, w, true, false), tf.eye(orthogonalShape[1] as number)))).dataSync()[0] as number;
    }),
  });

claim({
  id: 'A-orthogonal',
  statement: "tfjs-layers' orthogonal initializer gives WᵀW = I to float32 precision (max deviation < 1e-5)",
  minTrials: 11,
  measure: deviationFromOrthogonal((seed) => initializers.orthogonal({ gain: 1, seed }).apply(orthogonalShape, 'float32')),
  checks: [
    meanWithin({
      of: 'maxDeviation',
      label: 'max |WᵀW - I|',
      target: { value: 0, formula: 'QᵀQ = I for the Q of a QR factorisation' },
      margin: 1e-5,
      sd: 1e-6,
      sdBasis: 'float32 rounding, ~10 ulps',
    }),
  ],
  controls: [
    {
      label: 'tfjs glorotUniform (not orthogonal)',
      measure: deviationFromOrthogonal((seed) => initializers.glorotUniform({ seed }).apply(orthogonalShape, 'float32')),
    },
  ],
  power: {
    delta: DEFAULT_DELTA.weights,
    basis: 'weights: gain 1 ± δ makes WᵀW = (1 ± δ)²·I, a deviation of ~0.04 against the 1e-5 margin',
    scaled: (f) =>
      deviationFromOrthogonal((seed) =>
        tf.tidy(() => tf.mul(initializers.orthogonal({ gain: 1, seed }).apply(orthogonalShape, 'float32'), f)),
      ),
  },
});
