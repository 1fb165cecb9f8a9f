/**
 * The notebook's own end of a vanishing chain, `std() == 0`: below float32's normal range
 * (2^-126) the chain goes on through the denormals, whose every value is a whole number of
 * units 2^-149, until each entry rounds to zero. The chain claims decide at 2^-100, where all
 * backends agree; these claims measure the steps from 2^-126 to all-zero against the reference
 * ensemble with the backend's rounding rule (src/theory/denormalTail.ts). A backend that flushes
 * denormals (tfjs-node) has no such steps: there they read "not applicable".
 *
 * Every tier runs the 5×5 conv slice (In [147]), whose denormal matmuls cost microseconds. The
 * notebook's 512² vanishing chains run in the tails tier (`npm run test:tails`): each trial runs
 * tens of 512² matmuls with denormal products, whose cost is the CPU's (1.2 s each on a CPU with
 * a 128× penalty, 3.6× on another: `npm run bench`), so the file takes 21 min on one machine and
 * hours on another.
 */
import { denormalTailClaim } from '../src/claim/tailClaim.ts';
import { notebook, scaleInit, tier } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { CONV_SLICE_MATRIX, convSlice, scheme } from './support/schemes.ts';

const TAILS_ONLY =
  tier() === 'tails'
    ? undefined
    : "tails tier only (npm run test:tails): its trials run tens of 512² matmuls with denormal operands each, whose cost is the CPU's (1× to ~130× a normal matmul: npm run bench)";

claim(
  denormalTailClaim({
    chain: 'C2',
    cell: 'In [147]',
    matrix: CONV_SLICE_MATRIX,
    dim: 5,
    activation: 'linear',
    notebookSteps: notebook('In [147]', 'steps'),
    control: { label: 'the slice ×½ (twice as fast a fall: a shorter tail)', init: convSlice(0.5) },
  }),
);

/**
 * The 512² chains with a tail to measure at δ = 10%, in the tails tier: C4 (measured 27.03 vs
 * reference 27.00 steps, 37 trials, 95 s on wasm on a CPU with a 3.6× penalty). C3 and C6a fall ~0.9 decades a step: they
 * cross the denormal range in ~6 steps, and a 10% scale error moves that by ~0.3 of a step, which
 * whole-step counts resolve only over hundreds of trials of the whole chain (the plan for C3 asked
 * for more than 384 reference matrices alone): they have no tail claim. The ReLU chains C6b
 * (16.34 vs 16.10 steps, 243 trials) and C6d (26.73 vs 26.34, 237 trials) vary from matrix to
 * matrix and need ~240 trials each (375 s and 607 s on that CPU; docs/denormals.md).
 */
const square = [
  { chain: 'C4', cell: 'In [151]', name: 'uniform(±1)/√dim', activation: 'linear' },
  { chain: 'C6b', cell: 'In [156]', name: 'uniform(±1)/√dim', activation: 'relu' },
  { chain: 'C6d', cell: 'In [158]', name: 'uniform(±1)·√(2/dim)', activation: 'relu' },
] as const;

for (const { chain, cell, name, activation } of square) {
  claim(
    denormalTailClaim({
      chain,
      cell,
      matrix: name,
      dim: 512,
      activation,
      notebookSteps: notebook(cell, 'steps'),
      control: { label: `${name} ×½ (a faster fall: a shorter tail)`, init: scaleInit(scheme(name), 0.5) },
      ...(TAILS_ONLY ? { skipped: TAILS_ONLY } : {}),
    }),
  );
}
