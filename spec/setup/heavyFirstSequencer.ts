/**
 * Runs the long claim files first, so two workers finish together (longest-processing-time
 * first). vitest orders by the durations it cached on the last run; on a fresh clone (CI) it
 * has none and falls back to file size, which would start the chains last.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Spec files by measured fast-tier time, heaviest first (npm run bench lists per-claim times). */
const HEAVIEST_FIRST = [
  'chains-todo-linear',
  'chains-todo-relu',
  'chains-relu',
  'deep-net',
  'chains-linear',
  'xavier-and-backward',
  'gains',
  'finite-width',
  'second-moments',
  'why-sqrt5',
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
