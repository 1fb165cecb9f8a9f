/**
 * After the notebook: dynamical isometry. Saxe, McClelland & Ganguli 2014 ("Exact solutions to
 * the nonlinear dynamics of learning in deep linear neural networks") and Pennington,
 * Schoenholz & Ganguli 2017 ("Resurrecting the sigmoid in deep learning through dynamical
 * isometry", eq. 13 and Table 1): the input–output Jacobian J = W_L⋯W_1 of a deep linear
 * network with orthogonal weights has every singular value 1 at any depth; with Gaussian
 * weights N(0, 1/n) the squared singular values spread with variance L (free probability, the
 * Fuss–Catalan law), and at finite n with the exact variance src/theory/jacobianSpectrum.ts
 * computes. Measured on JJᵀ's traces at width n = 256.
 */
import { DEFAULT_DELTA, informationalCheck, meanWithin, scaleInit } from '../src/claim/index.ts';
import type { TrialContext } from '../src/claim/index.ts';
import { claim } from '../src/claim/vitest.ts';
import { linearJacobianSpectrum } from '../src/experiments/linearJacobian.ts';
import { normal, orthogonal } from '../src/index.ts';
import type { WeightInit } from '../src/init/types.ts';
import { gaussianProductSpectrum } from '../src/theory/index.ts';
import { fmt } from '../src/text/format.ts';

const N = 256;
const SOURCE_SAXE = 'Saxe et al. 2014; Pennington, Schoenholz & Ganguli 2017, Table 1';
const SOURCE_FREE = 'Pennington, Schoenholz & Ganguli 2017, eq. 13 (Fuss–Catalan)';
const haar: WeightInit = (shape, seed) => orthogonal(shape, { seed });
const gaussian: WeightInit = (shape, seed) => normal(shape, { std: 1 / Math.sqrt(N), seed });

// ── Orthogonal weights: every singular value 1, at any depth ──────────────────────────────

const [SHALLOW, DEEP] = [4, 16];
/**
 * "To float32 precision": each product rounds every entry of J (entries ~1/√n) by ~2⁻²⁴, which
 * moves JJᵀ's eigenvalues by ~√n·2⁻²⁴ per layer in the worst case, L·√n·2⁻²⁴ = 1.5e-5 at
 * L = 16, n = 256. Margin 1e-4 ≈ 6× that (measured: 2.3e-6 at L = 32); a gain off by δ = 2% moves the statistic to
 * |1.02^(2L) - 1| = 0.17 already at L = 4.
 */
const ISOMETRY_MARGIN = 1e-4;

const orthogonalSpectrum =
  (init: WeightInit) =>
  ({ seed }: TrialContext) => {
    const [shallow, deep] = linearJacobianSpectrum({ init, n: N, depths: [SHALLOW, DEEP], seed });
    return { rmsFromOneShallow: shallow?.rmsFromOne as number, rmsFromOneDeep: deep?.rmsFromOne as number };
  };

claim({
  id: 'I-orthogonal-linear',
  source: SOURCE_SAXE,
  statement: `a deep linear net with orthogonal weights is an isometry: every singular value of its Jacobian is 1 to float32 precision (rms |σ² - 1| ≤ ${ISOMETRY_MARGIN}) at depth ${SHALLOW} and at depth ${DEEP}, width ${N}`,
  measure: orthogonalSpectrum(haar),
  checks: (
    [
      [SHALLOW, 'rmsFromOneShallow'],
      [DEEP, 'rmsFromOneDeep'],
    ] as const
  ).map(([depth, of]) =>
    meanWithin({
      of,
      label: `rms distance of JJᵀ's eigenvalues from 1 at depth ${depth}`,
      target: { value: 0, formula: 'QᵀQ = I for each layer, so JJᵀ = I' },
      margin: ISOMETRY_MARGIN,
      sd: 1e-5,
      sdBasis: 'float32 rounding, L·√n·2⁻²⁴ / 3',
    }),
  ),
  controls: [{ label: 'Gaussian weights N(0, 1/n), the same scale (not orthogonal)', measure: orthogonalSpectrum(gaussian) }],
  power: {
    delta: DEFAULT_DELTA.weights,
    basis: `weights: gain 1 ± δ makes JJᵀ = (1 ± δ)^(2L)·I, |1.02^${2 * SHALLOW} - 1| = ${fmt(1.02 ** (2 * SHALLOW) - 1)} at depth ${SHALLOW} against the ${ISOMETRY_MARGIN} margin`,
    scaled: (f) => orthogonalSpectrum(scaleInit(haar, f)),
  },
});

// ── Gaussian weights: the spread grows like L ────────────────────────────────────────────

const GAUSSIAN_DEPTHS = [1, 4, 8] as const;
/** ±10% of the exact finite-n variance; a scale error of δ = 2% multiplies it by 1.02^(4L): ×1.9 at L = 8. */
const SPREAD_MARGIN = 0.1;

const gaussianSpectrum =
  (init: WeightInit) =>
  ({ seed }: TrialContext) => {
    const [d1, d4, d8] = linearJacobianSpectrum({ init, n: N, depths: GAUSSIAN_DEPTHS, seed });
    return {
      variance1: d1?.variance as number,
      variance4: d4?.variance as number,
      variance8: d8?.variance as number,
    };
  };
const theoryAt = (layers: number) => gaussianProductSpectrum({ n: N, layers });

claim({
  id: 'I-gaussian-linear',
  source: SOURCE_FREE,
  statement: `with Gaussian weights N(0, 1/n) the squared singular values of a deep linear net's Jacobian spread with variance ≈ L (free probability; exact at n = ${N}: ${GAUSSIAN_DEPTHS.map((l) => fmt(theoryAt(l).variance)).join(', ')} at depth ${GAUSSIAN_DEPTHS.join(', ')}), within 10%`,
  measure: gaussianSpectrum(gaussian),
  checks: [
    ...GAUSSIAN_DEPTHS.map((depth) => {
      const theory = theoryAt(depth);
      return meanWithin({
        of: `variance${depth}` as const,
        label: `variance of JJᵀ's eigenvalues at depth ${depth}`,
        target: {
          value: theory.variance,
          formula: `Wick recursion at n = ${N}: ${fmt(theory.variance)} (free-probability limit L = ${depth})`,
        },
        margin: SPREAD_MARGIN * theory.variance,
        sd: 0.1 * theory.variance,
        sdBasis: '10% of the variance (measured at depth 8: 10.2% over 65 trials, master seed 2019)',
      });
    }),
    informationalCheck('exact at n against the free limit', () => ({
      label: 'exact at n against the free limit',
      method: 'theory',
      pass: true,
      informational: true,
      estimate: theoryAt(8).variance,
      confidence: 1,
      detail: GAUSSIAN_DEPTHS.map(
        (l) => `L = ${l}: exact ${fmt(theoryAt(l).variance)} vs free ${l} (finite-n correction ${fmt(theoryAt(l).variance - l)})`,
      ).join('; '),
    })),
  ],
  controls: [{ label: 'orthogonal weights (variance 0)', measure: gaussianSpectrum(haar) }],
  power: {
    delta: DEFAULT_DELTA.weights,
    basis: `weights: a scale 1 ± δ multiplies the variance at depth L by (1 ± δ)^(4L): ×${fmt(1.02 ** 32)} / ×${fmt(0.98 ** 32)} at L = 8 against the 10% margin`,
    scaled: (f) => gaussianSpectrum(scaleInit(gaussian, f)),
  },
});
