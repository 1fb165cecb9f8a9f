/**
 * Runs the long claim files first, so two workers finish together (longest-processing-time
 * first). vitest orders by the durations it cached on the last run; on a fresh clone (CI) it
 * has none and falls back to file size, which would start the chains last.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files by measured time (tensorflow, worker seconds, 2026-12-01: 90, 58, 51, 44, 36, 32,
 * 27, 27, 26, 20, 13, 10, 10, 9, 8, 6, 4, 4, 3), the integration tests among them: a long file
 * started last would leave one worker running it alone.
 */
const HEAVIEST_FIRST = [
  'chains-todo-linear',
  'deep-net',
  'chains-todo-relu',
  'chains-linear',
  'chains-relu',
  'matchers',
  'chainClaimRun',
  'dynamical-isometry',
  'gains',
  'second-moments',
  'finite-width',
  'correlation-depth',
  'orthogonal-lsuv',
  'auditFit',
  'edge-of-chaos',
  'xavier-and-backward',
  'why-sqrt5',
  'backendProcess',
  'tfjs-default-layer',
];

export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = HEAVIEST_FIRST.indexOf(path.basename(file.moduleId).replace(/\.(spec|test)\.ts$/, ''));
      return index === -1 ? HEAVIEST_FIRST.length : index;
    };
    return base
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}
