/** Residual-branch theory and its named schemes (src/theory/residual.ts, ruleSchemes.ts). */
import { describe, expect, test } from 'vitest';
import { deepNetBeta, fixupScale, residualSecondMoment } from '../../src/theory/residual.ts';
import { expectedDistribution } from '../../src/theory/ruleSchemes.ts';

describe('residual branches', () => {
  test('plain 2^l, 1/√L-scaled (1 + 1/L)^l below e, normalized 1 + l·s²', () => {
    expect(residualSecondMoment({ layers: 8, branchScale: 1, branch: 'plain' })).toBe(256);
    expect(residualSecondMoment({ layers: 8, branchScale: 1 / Math.sqrt(8), branch: 'plain' })).toBeCloseTo((9 / 8) ** 8, 12);
    expect(residualSecondMoment({ layers: 1000, branchScale: 1 / Math.sqrt(1000), branch: 'plain' })).toBeLessThan(Math.E);
    expect(residualSecondMoment({ layers: 8, branchScale: 0.5, branch: 'normalized' })).toBe(3);
    expect(() => residualSecondMoment({ layers: -1, branchScale: 1, branch: 'plain' })).toThrow(/layers must be a non-negative integer/);
  });

  test("Fixup's L^(−1/(2m−2)) and DeepNet's (8N)^(−1/4), as rules the model audit reads", () => {
    expect(fixupScale(16, 2)).toBe(0.25);
    expect(fixupScale(16, 3)).toBe(0.5);
    expect(deepNetBeta(2)).toBe(0.5);
    const fans = { fanIn: 256, fanOut: 256, rows: 256, cols: 256 };
    const fixup = expectedDistribution({ scheme: 'fixup', positional: [16, 2], named: {} }, fans);
    expect(fixup).toMatchObject({ kind: 'draw', family: 'normal', std: (Math.SQRT2 / 16) * 0.25 });
    const deepnet = expectedDistribution({ scheme: 'deepnet', positional: [2], named: {} }, fans);
    expect(deepnet).toMatchObject({ kind: 'draw', family: 'normal', std: 0.5 * Math.sqrt(2 / 512) });
    expect(() => fixupScale(4, 1)).toThrow(/at least 2 layers/);
  });
});
