/**
 * The notebook's TODO schemes through the ReLU chain: with spectral radius ≈ 1 and ReLU keeping
 * half the second moment, Xavier uniform, orthogonal and randn/√dim all vanish — the factor √2
 * is what Kaiming adds (C6c survives).
 */
import { chainClaim, mediansReport } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { EXPLODING_CONTROL, orthogonalGain, scheme } from './support/schemes.ts';

claim(
  chainClaim({
    id: 'T-xavier-relu',
    statement: 'Xavier uniform with ReLU vanishes (max|x| < 2^-100; no √2 for the ReLU)',
    matrix: 'xavier-uniform',
    activation: 'relu',
    expected: 'vanished',
    controls: [EXPLODING_CONTROL],
  }),
);

claim(
  chainClaim({
    id: 'T-orthogonal-relu',
    statement: 'orthogonal with ReLU vanishes (max|x| < 2^-100): ReLU breaks the isometry',
    matrix: 'orthogonal',
    activation: 'relu',
    expected: 'vanished',
    extraChecks: [
      mediansReport({
        of: 'log10SecondMomentSlope',
        label: `measured decay of E[x²] per step (ReLU keeps half of a Gaussian's: log10 ½ = ${Math.log10(0.5).toFixed(4)})`,
        positions: ['log10 E[x²] per step'],
      }),
    ],
    controls: [{ label: 'orthogonal with gain 4 + ReLU (explodes)', init: orthogonalGain(4) }],
  }),
);

claim(
  chainClaim({
    id: 'T-randn-relu',
    statement: 'randn/√dim with ReLU vanishes (max|x| < 2^-100)',
    matrix: 'randn/√dim',
    activation: 'relu',
    expected: 'vanished',
    controls: [EXPLODING_CONTROL],
  }),
);
