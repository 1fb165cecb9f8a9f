/**
 * The notebook's TODO ("try other strategies, e.g. normal, orthonormal"), linear chain: Xavier
 * uniform, orthogonal and randn/√dim all have spectral radius ≈ 1 for a square matrix, so the
 * self-multiplied chain neither vanishes nor explodes within 500 steps; orthogonal keeps the
 * norm exactly (an isometry).
 */
import { chainClaim, pairedWithin } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { orthogonalGain, randnGain, scheme } from './support/schemes.ts';

claim(
  chainClaim({
    id: 'T-xavier-linear',
    statement: 'Xavier uniform (square: std 1/√dim) multiplied by itself survives all 500 steps',
    matrix: 'xavier-uniform',
    activation: 'linear',
    expected: 'survived',
    controls: [{ label: 'U(±0.01) (too small: vanishes)', init: scheme('uniform(±0.01)') }],
  }),
);

claim(
  chainClaim({
    id: 'T-orthogonal-linear',
    statement:
      'an orthogonal matrix multiplied by itself survives all 500 steps and keeps its norm: its powers are orthogonal (Saxe et al. 2014)',
    matrix: 'orthogonal',
    activation: 'linear',
    expected: 'survived',
    extraChecks: [
      pairedWithin({
        measured: 'log10RmsLast',
        predicted: 'log10RmsStart',
        label: 'isometry: log10 rms after 500 steps − log10 rms(M)',
        margin: 1e-3,
        sd: 1e-4,
        unit: 'decades',
        theory: 'M^k is orthogonal for every k, so ‖M^k‖_F = √n: the rms never changes (float32 rounding aside)',
      }),
    ],
    controls: [{ label: 'orthogonal with gain ¼ (shrinks ×¼ per step: vanishes)', init: orthogonalGain(0.25) }],
  }),
);

claim(
  chainClaim({
    id: 'T-randn-linear',
    statement: "randn/√dim (In [160]'s scale) multiplied by itself survives all 500 steps",
    matrix: 'randn/√dim',
    activation: 'linear',
    expected: 'survived',
    controls: [{ label: 'randn·0.25/√dim (vanishes)', init: randnGain(0.25) }],
  }),
);
