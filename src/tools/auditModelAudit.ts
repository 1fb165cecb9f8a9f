/**
 * `npm run audit:model-audit [-- --seeds 200 --base 2026 --out FILE]`: the model audit audited,
 * as claims are. Under each of `seeds` master seeds it writes a tiny GPT-2-shaped state_dict
 * drawn by Hugging Face GPT-2's rules (safetensors, host draws from src/rng) and audits it with
 * the hf-gpt2 preset: over the seeds, the model-wide false-fail rate with its Clopper–Pearson
 * interval against the audit's α. Then the same model with each planted fault, caught when the
 * audit fails exactly on the fault's tensors: each fault's catch rate with its interval. Writes
 * the record (reports/audit-model-audit.json, or --out).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gpt2Tensors, writeSafetensors } from '../model/syntheticGpt2.ts';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditModel, DEFAULT_MODEL_ALPHA, isAnomalous, presetByName } from '../audit/modelAudit.ts';
import { normalValues, truncatedNormalValues } from '../rng/draw.ts';
import { deriveSeed, parseSeed, seedFor } from '../rng/seed.ts';
import { proportionCI } from '../stats/intervals.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '200' },
    base: { type: 'string', default: '2026' },
    out: { type: 'string', default: path.join('reports', 'audit-model-audit.json') },
  },
});
const seeds = Number(values.seeds);
if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`--seeds must be a positive integer, got ${values.seeds}`);
const base = parseSeed(values.base, '--base');
const LAYERS = 2;
const WIDTH = 64;
const VOCAB = 256;

type State = Map<string, { shape: number[]; data: Float32Array }>;

function gpt2(seed: number): State {
  return new Map(
    gpt2Tensors({ layers: LAYERS, width: WIDTH, vocab: VOCAB, positions: WIDTH, seed }).map((t) => [
      t.name,
      { shape: t.shape, data: t.draw() },
    ]),
  );
}

/** The planted faults of issue 38: name → (state → the tensors it changes). */
const FAULTS: Record<string, (s: State, seed: number) => string[]> = {
  'ln-normal': (s, seed) => {
    const name = 'transformer.h.1.ln_1.weight';
    s.set(name, { shape: [WIDTH], data: normalValues(WIDTH, 0, 0.02, deriveSeed(seed, 'fault')) });
    return [name];
  },
  'ln-swapped': (s) => {
    const [w, b] = ['transformer.h.0.ln_2.weight', 'transformer.h.0.ln_2.bias'];
    s.set(w, { shape: [WIDTH], data: new Float32Array(WIDTH) });
    s.set(b, { shape: [WIDTH], data: new Float32Array(WIDTH).fill(1) });
    return [w, b];
  },
  'clamped-outliers': (s, seed) => {
    const name = 'transformer.h.1.attn.c_attn.weight';
    const data = Float32Array.from(s.get(name)!.data);
    const at: Array<[number, number]> = [
      [seed % 1000, 2],
      [((seed >>> 10) % 1000) + 2000, -2],
      [((seed >>> 20) % 1000) + 5000, 2],
    ];
    for (const [k, v] of at) data[k] = v;
    s.set(name, { shape: s.get(name)!.shape, data });
    return [name];
  },
  copied: (s) => {
    const [a, b] = ['transformer.h.0.mlp.c_fc.weight', 'transformer.h.1.mlp.c_fc.weight'];
    s.set(b, { shape: s.get(a)!.shape, data: Float32Array.from(s.get(a)!.data) });
    return [a, b];
  },
  // a tensor truncated at ±2σ (tfjs-layers' normal initializers): 0.8796× the std GPT-2 asks for
  'truncated-2sigma': (s, seed) => {
    const name = 'transformer.h.0.mlp.c_fc.weight';
    s.set(name, {
      shape: [WIDTH, 4 * WIDTH],
      data: truncatedNormalValues(4 * WIDTH * WIDTH, 0, 0.02, -0.04, 0.04, deriveSeed(seed, 'fault')),
    });
    return [name];
  },
};

/** The (possibly faulted) state written as safetensors. */
const writeState = (s: State, file: string) =>
  writeSafetensors(
    [...s].map(([name, t]) => ({ name, shape: t.shape, draw: () => t.data })),
    file,
  );

const dir = mkdtempSync(path.join(os.tmpdir(), 'initspec-audit-audit-'));
const preset = presetByName('hf-gpt2');
const cleanFails: number[] = [];
const caught: Record<string, number> = Object.fromEntries(Object.keys(FAULTS).map((f) => [f, 0]));
const missed: Record<string, number[]> = Object.fromEntries(Object.keys(FAULTS).map((f) => [f, [] as number[]]));
const started = performance.now();
try {
  for (let r = 0; r < seeds; r++) {
    const seed = seedFor('model-audit', r, base);
    const file = path.join(dir, 'm.safetensors');
    writeState(gpt2(seed), file);
    if (!(await auditModel(file, preset)).ok) cleanFails.push(seed);
    for (const [fault, plant] of Object.entries(FAULTS)) {
      const state = gpt2(seed);
      const planted = plant(state, seed).sort();
      writeState(state, file);
      const report = await auditModel(file, preset);
      const bad = report.tensors
        .filter(isAnomalous)
        .map((t) => t.name)
        .sort();
      if (JSON.stringify(bad) === JSON.stringify(planted)) caught[fault]!++;
      else missed[fault]!.push(seed);
    }
    if ((r + 1) % 20 === 0) console.log(`audit:model-audit: ${r + 1}/${seeds} seeds`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const rate = proportionCI(cleanFails.length, seeds, { confidence: 0.95 });
const record = {
  generatedAt: new Date().toISOString(),
  base,
  seeds,
  preset: 'hf-gpt2',
  model: `GPT-2-shaped, ${LAYERS} layers, width ${WIDTH}, vocab ${VOCAB}, safetensors, drawn by src/rng under seedFor('model-audit', r, base)`,
  alpha: DEFAULT_MODEL_ALPHA,
  falseFails: cleanFails.length,
  falseFailRate95: [rate.lower, rate.upper],
  falseFailSeeds: cleanFails,
  faults: Object.fromEntries(
    Object.keys(FAULTS).map((f) => {
      const ci = proportionCI(caught[f]!, seeds, { confidence: 0.95 });
      return [f, { caught: caught[f], of: seeds, catchRate95: [ci.lower, ci.upper], missedSeeds: missed[f] }];
    }),
  ),
  seconds: (performance.now() - started) / 1000,
};
writeFileSync(values.out, `${JSON.stringify(record, null, 2)}\n`);
console.log(
  `audit:model-audit: clean models failed ${cleanFails.length}/${seeds} (95% CI [${rate.lower.toFixed(4)}, ${rate.upper.toFixed(4)}], α ${DEFAULT_MODEL_ALPHA}); ` +
    Object.entries(record.faults)
      .map(([f, c]) => `${f} caught ${c.caught}/${seeds}`)
      .join(', ') +
    `; saved ${values.out}`,
);
