/**
 * `npm run bench -- --model-audit`: the model audit on a GPT-2-small-shaped safetensors (124M
 * parameters, ~500 MB float32, made here in the OS's temp folder and removed after; never
 * committed), timed beside its floor, a plain read of the same file, with the process's peak
 * resident memory. Run alone; nothing here fails for being slow.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditModel, presetByName } from '../audit/modelAudit.ts';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

const LAYERS = 12;
const WIDTH = 768;
const VOCAB = 50257;
const POSITIONS = 1024;

/** GPT-2 small's tensors (transformers' names and Conv1D layout), with the values each is drawn from. */
function gpt2Small(): Array<{ name: string; shape: number[]; draw: () => Float32Array }> {
  const out: Array<{ name: string; shape: number[]; draw: () => Float32Array }> = [];
  const normal = (name: string, shape: number[], std: number) =>
    out.push({
      name,
      shape,
      draw: () =>
        normalValues(
          shape.reduce((p, d) => p * d, 1),
          0,
          std,
          deriveSeed(124, name),
        ),
    });
  const constant = (name: string, n: number, v: number) => out.push({ name, shape: [n], draw: () => new Float32Array(n).fill(v) });
  normal('transformer.wte.weight', [VOCAB, WIDTH], 0.02);
  normal('transformer.wpe.weight', [POSITIONS, WIDTH], 0.02);
  for (let i = 0; i < LAYERS; i++) {
    const p = `transformer.h.${i}.`;
    constant(`${p}ln_1.weight`, WIDTH, 1);
    constant(`${p}ln_1.bias`, WIDTH, 0);
    normal(`${p}attn.c_attn.weight`, [WIDTH, 3 * WIDTH], 0.02);
    constant(`${p}attn.c_attn.bias`, 3 * WIDTH, 0);
    normal(`${p}attn.c_proj.weight`, [WIDTH, WIDTH], 0.02 / Math.sqrt(2 * LAYERS));
    constant(`${p}attn.c_proj.bias`, WIDTH, 0);
    constant(`${p}ln_2.weight`, WIDTH, 1);
    constant(`${p}ln_2.bias`, WIDTH, 0);
    normal(`${p}mlp.c_fc.weight`, [WIDTH, 4 * WIDTH], 0.02);
    constant(`${p}mlp.c_fc.bias`, 4 * WIDTH, 0);
    normal(`${p}mlp.c_proj.weight`, [4 * WIDTH, WIDTH], 0.02 / Math.sqrt(2 * LAYERS));
    constant(`${p}mlp.c_proj.bias`, WIDTH, 0);
  }
  constant('transformer.ln_f.weight', WIDTH, 1);
  constant('transformer.ln_f.bias', WIDTH, 0);
  return out;
}

/** Writes the file tensor by tensor (never the whole model in memory). */
export function writeModel(file: string): number {
  const tensors = gpt2Small();
  let offset = 0;
  const header: Record<string, unknown> = {};
  for (const t of tensors) {
    const bytes = t.shape.reduce((p, d) => p * d, 1) * 4;
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, length);
    writeSync(fd, json);
    for (const t of tensors) {
      const data = t.draw();
      writeSync(fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
  } finally {
    closeSync(fd);
  }
  return tensors.reduce((s, t) => s + t.shape.reduce((p, d) => p * d, 1), 0);
}

/** The floor: every byte of the file read once, in 64 MiB pieces. */
function plainRead(file: string): number {
  const buffer = Buffer.allocUnsafe(64 * 2 ** 20);
  const fd = openSync(file, 'r');
  let total = 0;
  try {
    for (let got; (got = readSync(fd, buffer, 0, buffer.length, total)) > 0;) total += got;
  } finally {
    closeSync(fd);
  }
  return total;
}

export async function modelAuditBench(): Promise<Record<string, number | string | boolean>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'initspec-gpt2-small-'));
  const file = path.join(dir, 'model.safetensors');
  try {
    let t = performance.now();
    const parameters = writeModel(file);
    const writeSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const bytes = plainRead(file);
    const readSeconds = (performance.now() - t) / 1000;
    const rssBefore = process.resourceUsage().maxRSS / 1024;
    t = performance.now();
    const report = await auditModel(file, presetByName('hf-gpt2'));
    const auditSeconds = (performance.now() - t) / 1000;
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    const row = {
      parameters,
      'file MB': Math.round(bytes / 1e6),
      'write s (not timed as audit)': Number(writeSeconds.toFixed(1)),
      'plain read s (floor)': Number(readSeconds.toFixed(2)),
      'audit s': Number(auditSeconds.toFixed(2)),
      'audit / read': Number((auditSeconds / readSeconds).toFixed(1)),
      'peak RSS MiB (process, after the audit)': Math.round(peakMiB),
      'peak RSS MiB before the audit (the writer)': Math.round(rssBefore),
      verdict: report.ok ? 'OK' : `${report.summary.fail} failed`,
    };
    console.log(`\nmodel audit, GPT-2 small (${parameters} parameters):`);
    for (const [k, v] of Object.entries(row)) console.log(`  ${k}: ${v}`);
    return row;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
