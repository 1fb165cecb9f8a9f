/** The chain recipe at dim 64 (seconds, not minutes): what the harness and integration tests of chainClaim run. */
import { chainClaim, scaleInit } from '../../src/claim/index.ts';
import { initByName } from '../../src/index.ts';

export const dim64ChainClaim = chainClaim({
  id: 'harness/chainClaim',
  statement: 'U(±1)/√dim at dim 64 multiplied by itself vanishes to all-zero',
  matrix: 'uniform(±1)/√dim',
  dim: 64,
  activation: 'linear',
  expected: 'vanished',
  // at dim 64 draws vary more than at 512: more references keep the Welch interval narrow
  referenceCount: 200,
  controls: [{ label: 'the same ×2 (explodes)', init: scaleInit((shape, seed) => initByName('uniform(±1)/√dim', shape, seed), 2) }],
});
