/**
 * Notebook In [155]–[158]: the same self-multiplication with ReLU after every step,
 * `result = (M @ result).clamp_min(0)`. ReLU keeps half the second moment, so only a scale
 * with √2 in it (Kaiming) holds the chain; the notebook's single draws (41, 108, inf, 202)
 * become distributions with bounds.
 */
import { chainClaim, notebook } from '../src/claim/index.ts';
import { claim } from '../src/vitest/claim.ts';
import { EXPLODING_CONTROL, scheme } from './support/schemes.ts';

claim(
  chainClaim({
    id: 'C6a',
    cell: 'In [155]',
    statement: 'U(±0.01) with ReLU after every multiplication vanishes (max|x| < 2^-100; the notebook: std 0)',
    matrix: 'uniform(±0.01)',
    activation: 'relu',
    expected: 'vanished',
    notebookSteps: notebook('In [155]', 'steps'),
    controls: [EXPLODING_CONTROL],
  }),
);

claim(
  chainClaim({
    id: 'C6b',
    cell: 'In [156]',
    statement: 'U(±1)/√dim with ReLU vanishes (max|x| < 2^-100), faster than without ReLU',
    matrix: 'uniform(±1)/√dim',
    activation: 'relu',
    expected: 'vanished',
    notebookSteps: notebook('In [156]', 'steps'),
    controls: [EXPLODING_CONTROL],
  }),
);

claim(
  chainClaim({
    id: 'C6c',
    cell: 'In [157]',
    statement: 'torch kaiming_uniform_ (gain √2) with ReLU survives all 500 steps (the notebook: "inf")',
    matrix: 'kaiming-uniform',
    activation: 'relu',
    expected: 'survived',
    notebookSteps: notebook('In [157]', 'steps'),
    controls: [{ label: 'U(±1)/√dim + ReLU (no √2: vanishes)', init: scheme('uniform(±1)/√dim') }],
  }),
);

claim(
  chainClaim({
    id: 'C6d',
    cell: 'In [158]',
    statement: "U(±1)·√(2/dim) with ReLU vanishes (max|x| < 2^-100): the √2 is there, but the uniform's 1/√3 is not undone",
    matrix: 'uniform(±1)·√(2/dim)',
    activation: 'relu',
    expected: 'vanished',
    notebookSteps: notebook('In [158]', 'steps'),
    controls: [EXPLODING_CONTROL],
  }),
);
