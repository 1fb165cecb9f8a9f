/** initspec audit's fit: it names the scheme initspec's own initializers draw, and tells the 0.88× truncation apart. */
import { describe, expect, test } from 'vitest';
import { fitScheme } from '../../src/audit/fitScheme.ts';
import { hostDraw } from '../../src/init/hostDraw.ts';
import { kaimingUniform, xavierNormal, truncNormal } from '../../src/index.ts';
import { publishedFans } from '../../src/theory/publishedSchemes.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditMain } from '../../src/cli/audit.ts';
import { kaimingNormal } from '../../src/index.ts';
import { npy } from '../support/npyFile.ts';

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

  test('one dumped nn.Linear(512, 256) weight (fans 512 ≠ 256): the family by KS, the fan mode by std', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'initspec-npy-'));
    const save = (name: string, draw: (shape: number[], seed: number) => Float64Array) => {
      const file = path.join(dir, name);
      writeFileSync(file, npy('<f4', [256, 512], Array.from(draw([256, 512], 7))));
      return file;
    };
    const uniformFile = save(
      'he-uniform.npy',
      hostDraw((shape, seed) => kaimingUniform(shape, { nonlinearity: 'relu', seed })),
    );
    const normalFile = save(
      'he-normal.npy',
      hostDraw((shape, seed) => kaimingNormal(shape, { nonlinearity: 'relu', seed })),
    );
    const uniform = await auditMain(['--weights', uniformFile, '--shape-role', 'out,in']);
    expect(uniform).toMatch(/fan_in 512, fan_out 256/);
    expect(uniform).toMatch(/verdict: uniform family, std consistent with kaiming-uniform \(relu, fan_in\) \/ heUniform/);
    expect(uniform).not.toMatch(/fan modes|kaiming-normal \(relu, fan_in\).*MATCH|fan_out\).*MATCH/);
    const normal = await auditMain(['--weights', normalFile, '--shape-role', 'out,in']);
    expect(normal).toMatch(/verdict: normal family, std consistent with kaiming-normal \(relu, fan_in\) \/ heNormal/);
    expect(normal).not.toMatch(/fan modes/);
  }, 120_000);
});
