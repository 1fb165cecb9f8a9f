/** initspec audit's fit: it names the scheme initspec's own initializers draw, and tells the 0.88× truncation apart. */
import { describe, expect, test } from 'vitest';
import { fitScheme } from '../../src/audit/fitScheme.ts';
import { hostDraw } from '../../src/init/hostDraw.ts';
import { kaimingUniform, xavierNormal, truncNormal } from '../../src/index.ts';
import { publishedFans } from '../../src/theory/publishedSchemes.ts';

describe('audit fit', () => {
  test('kaimingUniform(relu) is heUniform; xavierNormal is glorotNormal', () => {
    const he = fitScheme(hostDraw((shape, seed) => kaimingUniform(shape, { nonlinearity: 'relu', seed })));
    expect(he.verdict).toMatch(/^draws kaiming-uniform \(relu, fan_in\) \/ heUniform/);
    expect(he.family.best).toBe('uniform');
    const glorot = fitScheme(hostDraw((shape, seed) => xavierNormal(shape, { seed })));
    expect(glorot.verdict).toMatch(/^draws xavier-normal \/ glorotNormal/);
  }, 120_000);

  test('a normal truncated at ±2σ and not rescaled: none within δ, closest at 0.88×, family truncated', () => {
    const truncatedHe = hostDraw((shape, seed) => {
      const std = Math.sqrt(2 / publishedFans(shape).fanIn);
      return truncNormal(shape, { mean: 0, std, a: -2 * std, b: 2 * std, seed });
    });
    const report = fitScheme(truncatedHe);
    expect(report.family.best).toBe('normal truncated at ±2σ (not rescaled)');
    expect(report.verdict).toMatch(/^none within δ = 2%: closest kaiming-normal \(relu, fan_in\) \/ heNormal at 0\.8[78]\d*, /);
  }, 120_000);
});
