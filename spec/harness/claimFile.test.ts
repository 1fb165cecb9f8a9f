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

describe('initspec claim: bad usage is named before vitest starts', () => {
  test('an unknown id, no id, a bad seed, tier or backend', async () => {
    const { claimMain } = await import('../../src/cli/claim.ts');
    await expect(claimMain(['C99'])).rejects.toThrow(/no spec file names the claim "C99"/);
    await expect(claimMain([])).rejects.toThrow(/name one claim id/);
    await expect(claimMain(['C4', '--seed', 'x'])).rejects.toThrow(/--seed/);
    await expect(claimMain(['C4', '--tier', 'slow'])).rejects.toThrow(/INITSPEC_TIER="slow" is not a tier/);
    await expect(claimMain(['C4', '--backend', 'gpu'])).rejects.toThrow(
      /--backend "gpu" is not a backend: choose one of tensorflow, wasm, cpu/,
    );
    await expect(claimMain(['C4', '--bogus'])).rejects.toThrow(/Unknown option '--bogus'/);
  });
});
