/**
 * Notebook In [143]–[146]: PyTorch's default Conv2d(1, 1, 5) weight. Its init is
 * kaiming_uniform_(a=√5), i.e. U(±1/√fan_in) with fan_in = 1·5·5, so std = 1/√(3·25).
 * The notebook's (0.0284, 0.1052) is one draw of 25 weights; here the distribution is
 * checked over thousands of seeded draws, and the notebook's draw is placed within it.
 */
import { claim } from '../src/vitest/claim.ts';
import type { SeededDraw } from '../src/init/types.ts';
import { readValues } from '../src/backend/readValues.ts';
import { DEFAULT_DELTA, followsDistribution, notebook, notebookDrawTypical, scaleInit, stdWithin } from '../src/claim/index.ts';
import * as tf from '@tensorflow/tfjs-core';
import { kaimingUniform, torchDefaultWeight, uniform } from '../src/index.ts';
import { hostMoments, uniformCdf } from '../src/stats/index.ts';
import { torchDefaultBound, uniformStd } from '../src/theory/index.ts';

const shape = [1, 1, 5, 5];
const fanIn = 1 * 5 * 5;
const bound = torchDefaultBound(fanIn);
/** Equivalence margin on the std: ±2% of 1/√(3·fan_in). */
const RELATIVE_MARGIN = 0.02;

/** One draw of 25 weights, with their sample std as the notebook's stats() prints it. */
function weightsOf(draw: SeededDraw) {
  return ({ seed }: { seed: number }) => {
    const weights = readValues(() => draw(seed));
    return { weights, std: hostMoments(weights).std };
  };
}

claim({
  id: 'C1',
  cell: 'In [144]',
  statement: "default Conv2d(1,1,5) weights are U(±1/√fan_in), std 1/√(3·fan_in); the notebook's std 0.1052 is one typical draw of 25",
  measure: weightsOf((seed) => torchDefaultWeight(shape, { seed })),
  checks: [
    stdWithin({
      of: 'weights',
      label: 'std of the weights',
      target: { value: uniformStd(-bound, bound), formula: `2b/√12 with b = 1/√fan_in = ${bound.toPrecision(5)}` },
      relativeMargin: RELATIVE_MARGIN,
      perTrial: fanIn,
    }),
    followsDistribution({ of: 'weights', label: 'weights', cdf: uniformCdf(-bound, bound), distribution: `U(±${bound.toPrecision(5)})` }),
    notebookDrawTypical({ of: 'std', label: 'notebook draw', notebook: notebook('In [144]', 'std') }),
  ],
  controls: [
    { label: 'kaiming uniform a=0 (bound √6/√fan_in)', measure: weightsOf((seed) => kaimingUniform(shape, { seed })) },
    {
      label: 'bound 5% too wide',
      measure: weightsOf((seed) => uniform(shape, { low: -1.05 * bound, high: 1.05 * bound, seed })),
    },
  ],
  power: {
    delta: DEFAULT_DELTA.weights,
    basis:
      "weights: a 2% wider or narrower U(±b) puts 1% of the mass past the bound (KS distance 0.0098), which the KS test over the claim's ~150 000 weights sees; the std check alone (margin 2%) could not",
    scaled: (f) => weightsOf((seed) => scaleInit((s, sd) => torchDefaultWeight(s, { seed: sd }), f)(shape, seed)),
  },
});
