/** The house rule of src/: imports between folders run downward (src/tools/checkImports.ts). */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { FLOORS, upwardImports } from '../../src/tools/checkImports.ts';

const src = path.resolve('src');
const at = (file: string) => path.join(src, file);

describe('import floors', () => {
  test('downward and same-folder imports pass; upward and same-floor imports are named with their line', () => {
    expect(upwardImports(at('chain/x.ts'), "import { a } from '../init/b.ts';\nimport { c } from './d.ts';", src)).toEqual([]);
    const found = upwardImports(at('claim/x.ts'), "import type { A } from '../stats/a.ts';\nimport { p } from '../report/plots.ts';", src);
    expect(found).toEqual([
      {
        file: at('claim/x.ts'),
        line: 2,
        target: '../report/plots.ts',
        why: expect.stringMatching(/src\/report is floor \d+, above src\/claim/),
      },
    ]);
    expect(upwardImports(at('rng/x.ts'), "const m = await import('../theory/t.ts');", src)[0]?.why).toMatch(/share floor/);
  });

  test('a folder on no floor is an error that says where to place it', () => {
    expect(() => upwardImports(at('newthing/x.ts'), '', src)).toThrow(/src\/newthing is on no floor: add it to FLOORS/);
    expect(new Set(FLOORS.flat()).size).toBe(FLOORS.flat().length);
  });
});
