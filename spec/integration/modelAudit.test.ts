/**
 * The model audit on the committed fixtures (fixtures/models/, made by PyTorch and by tfjs-layers
 * with the committed scripts): the clean models pass with no tensor flagged, in every format;
 * each planted fault is caught on the tensor that carries it, for its reason, and on no other.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, test, vi } from 'vitest';
import { auditModel, isAnomalous, presetByName, readRulesFile, type ModelAuditReport } from '../../src/audit/modelAudit.ts';
import { main } from '../../src/cli/main.ts';
import { initspecMatchers } from '../../src/vitest/matchers.ts';

expect.extend(initspecMatchers);

const DIR = path.join('fixtures', 'models');
const planted = JSON.parse(readFileSync(path.join(DIR, 'planted.json'), 'utf8')) as Record<string, string[]>;
const PRESET = { gpt2: 'hf-gpt2', bert: 'hf-bert' } as const;

/** Tensors that failed or carry an anomaly flag (a format's own ties are not anomalies). */
const caught = (r: ModelAuditReport) => r.tensors.filter(isAnomalous);

const WHY: Record<string, RegExp> = {
  'ln-normal': /a draw where the role expects the constant 1/,
  'ln-swapped': /constant (0, expected 1|1, expected 0)/,
  'clamped-outliers': /leave normal's range/,
  copied: /bit-identical to/,
  'timm-absolute-bounds': /not truncated-normal|leave truncated-normal's range|std .* not inside/,
};

describe.each(['gpt2', 'bert'] as const)('%s', (kind) => {
  test.each(['clean.pt', 'clean.safetensors', 'clean-bf16.safetensors', 'clean-sharded', 'clean.npz', 'clean-tfjs'])(
    '%s passes with no tensor flagged',
    async (name) => {
      const report = await auditModel(path.join(DIR, kind, name), presetByName(PRESET[kind]));
      expect(caught(report).map((t) => `${t.name}: ${t.reasons.join('; ')} ${t.flags.join(' ')}`)).toEqual([]);
      expect(report.summary.noRule).toBe(0);
      expect(report.ok).toBe(true);
      if (name === 'clean-sharded') expect(report.constants.from).toMatch(/config\.json/);
    },
  );

  const faults = Object.keys(planted).filter((k) => k.startsWith(`${kind}/`) && !k.endsWith('timm-absolute-bounds'));
  test.each(faults.flatMap((f) => ['.pt', '.safetensors', '.npz', '-tfjs'].map((ext) => [f, ext])))(
    '%s%s: caught on its own tensors, for its reason',
    async (fault, ext) => {
      const report = await auditModel(path.join(DIR, `${fault}${ext}`), presetByName(PRESET[kind]));
      const bad = caught(report);
      expect(bad.map((t) => t.name).sort()).toEqual([...(planted[fault] as string[])].sort());
      for (const t of bad) expect([...t.reasons, ...t.flags].join('; ')).toMatch(WHY[fault.split('/')[1] as string] as RegExp);
      expect(report.ok).toBe(false);
    },
  );

  test("timm's absolute-bound truncated normal: a plain normal where the rule asks for ±2σ truncation", async () => {
    const fault = `${kind}/timm-absolute-bounds`;
    const report = await auditModel(path.join(DIR, `${fault}.safetensors`), readRulesFile(path.join(DIR, 'rules-trunc2sigma.json')));
    const bad = caught(report);
    expect(bad.map((t) => t.name)).toEqual(planted[fault]);
    expect(bad[0]!.reasons.join('; ')).toMatch(WHY['timm-absolute-bounds'] as RegExp);
  });
});

describe('tfjs', () => {
  const rules = readRulesFile(path.join(DIR, 'tfjs', 'rules-glorot.json'));
  test('a model saved by tfjs-layers with Glorot-normal kernels passes; one default Dense is caught at 0.88×', async () => {
    expect((await auditModel(path.join(DIR, 'tfjs', 'clean', 'model.json'), rules)).ok).toBe(true);
    const report = await auditModel(path.join(DIR, 'tfjs', 'default-dense', 'model.json'), rules);
    expect(caught(report).map((t) => t.name)).toEqual(['dense_1/kernel']);
    expect(caught(report)[0]!.reasons.join(' ')).toMatch(/= 0\.8[6-9]\d*× the expected/);
  });

  test('the matcher gates a file and a LayersModel in memory', async () => {
    await expect(path.join(DIR, 'gpt2', 'clean.safetensors')).toBeInitializedAs('hf-gpt2');
    await expect(path.join(DIR, 'gpt2', 'ln-swapped.pt')).not.toBeInitializedAs('hf-gpt2');
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 256, inputShape: [512] }), tfl.layers.dense({ units: 128 })] });
    await expect(model).toBeInitializedAs('tfjs-default');
    await expect(model).not.toBeInitializedAs('', { rules: path.join(DIR, 'tfjs', 'rules-glorot.json') });
    model.dispose();
  });
});

describe('the CLI', () => {
  test('exit 0 for a clean model, 1 for a fault, 2 with one line for input it cannot read', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    try {
      expect(await main(['audit', '--model', path.join(DIR, 'bert', 'clean.pt'), '--preset', 'hf-bert'])).toBe(0);
      expect(await main(['audit', '--model', path.join(DIR, 'bert', 'copied.pt'), '--preset', 'hf-bert', '--json'])).toBe(1);
      const json = JSON.parse(out[out.length - 1] as string) as { tensors: Array<{ name: string; verdict: string; flags: string[] }> };
      expect(json.tensors.filter((t) => t.flags.length).map((t) => t.flags)).toEqual([
        ['identical:bert.encoder.layer.1.intermediate.dense.weight'],
        ['identical:bert.encoder.layer.0.intermediate.dense.weight'],
      ]);
      err.length = 0;
      expect(await main(['audit', '--model', path.join(DIR, 'planted.json')])).toBe(2);
      expect(await main(['audit', '--model', path.join(DIR, 'gpt2', 'clean.pt'), '--preset', 'gpt9'])).toBe(2);
      expect(err).toHaveLength(2);
      expect(err[0]).toMatch(/^initspec audit: planted\.json: no weightsManifest: not a tfjs model\.json\n$/);
      expect(err[1]).toMatch(/--preset "gpt9" is not known; choose one of: torch-default, hf-gpt2/);
    } finally {
      spyOut.mockRestore();
      spyErr.mockRestore();
    }
  });
});
