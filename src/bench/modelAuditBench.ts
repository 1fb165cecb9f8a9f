/**
 * `npm run bench -- --model-audit`: the model audit on a GPT-2-small-shaped safetensors (124M
 * parameters, ~500 MB float32, made here in the OS's temp folder and removed after; never
 * committed), timed beside its floor, a plain read of the same file, with the process's peak
 * resident memory. Run alone; nothing here fails for being slow.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditModel, presetByName } from '../audit/modelAudit.ts';
import { gpt2Tensors, writeSafetensors } from '../model/syntheticGpt2.ts';

const LAYERS = 12;
const WIDTH = 768;
const VOCAB = 50257;
const POSITIONS = 1024;

/** Writes GPT-2 small (12 layers, width 768, vocab 50257, 1024 positions) to `file`; its parameter count. */
export function writeModel(file: string): number {
  const tensors = gpt2Tensors({ layers: LAYERS, width: WIDTH, vocab: VOCAB, positions: POSITIONS, seed: 124 });
  writeSafetensors(tensors, file);
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
