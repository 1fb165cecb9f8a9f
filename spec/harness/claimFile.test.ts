/** `initspec claim ID` finds a claim's file from the spec's text (src/cli/claimFile.ts). */
import { describe, expect, test } from 'vitest';
import { ALPHA_LEDGER } from '../../src/claim/budget.ts';
import { findClaimFiles } from '../../src/cli/claimFile.ts';

const root = process.cwd();
const claimIds = Object.keys(ALPHA_LEDGER).filter((id) => !id.includes('/'));

describe('a claim by its id', () => {
  test('every claim of the ledger is named by exactly one spec file', () => {
    const unresolved = claimIds
      .map((id) => ({ id, files: findClaimFiles(id, root).map((f) => f.file) }))
      .filter((r) => r.files.length !== 1);
    expect(unresolved).toEqual([]);
  });

  test('literal ids, helper arguments and template ids', () => {
    expect(findClaimFiles('C4', root)).toEqual([{ file: 'spec/chains-linear.spec.ts', how: "declares 'C4'" }]);
    expect(findClaimFiles('C3-std', root).map((f) => f.file)).toEqual(['spec/chains-linear.spec.ts']);
    expect(findClaimFiles('Z-C2', root)).toEqual([{ file: 'spec/denormal-tail.spec.ts', how: "`Z-${…}` with 'C2'" }]);
    expect(findClaimFiles('H-depth-40', root).map((f) => f.file)).toEqual(['spec/finite-width.spec.ts']);
  });

  test('an unknown id names no file; a malformed one is an error that says what an id is', () => {
    expect(findClaimFiles('C99', root)).toEqual([]);
    expect(() => findClaimFiles('^C4 · ', root)).toThrow(/claim id "\^C4 · " is not an id: letters, digits/);
  });
});
