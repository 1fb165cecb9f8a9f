/**
 * A GPT-2-shaped state_dict drawn by Hugging Face GPT-2's rules (transformers' names, Conv1D
 * [in, out], N(0, 0.02), every c_proj.weight at 0.02/√(2·n_layer), LayerNorm ones and zeros,
 * biases zeros), from seeded host draws; and a safetensors writer that draws and writes one tensor
 * at a time. What the audit of the audit and the 124M-parameter bench audit.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { normalValues } from '../rng/draw.ts';
import { deriveSeed } from '../rng/seed.ts';

export interface SyntheticTensor {
  name: string;
  shape: number[];
  draw: () => Float32Array;
}

export function gpt2Tensors({
  layers,
  width,
  vocab,
  positions,
  seed,
}: {
  layers: number;
  width: number;
  vocab: number;
  positions: number;
  seed: number;
}): SyntheticTensor[] {
  const out: SyntheticTensor[] = [];
  const normal = (name: string, shape: number[], std: number) =>
    out.push({
      name,
      shape,
      draw: () =>
        normalValues(
          shape.reduce((p, d) => p * d, 1),
          0,
          std,
          deriveSeed(seed, name),
        ),
    });
  const constant = (name: string, n: number, v: number) => out.push({ name, shape: [n], draw: () => new Float32Array(n).fill(v) });
  normal('transformer.wte.weight', [vocab, width], 0.02);
  normal('transformer.wpe.weight', [positions, width], 0.02);
  for (let i = 0; i < layers; i++) {
    const p = `transformer.h.${i}.`;
    constant(`${p}ln_1.weight`, width, 1);
    constant(`${p}ln_1.bias`, width, 0);
    normal(`${p}attn.c_attn.weight`, [width, 3 * width], 0.02);
    constant(`${p}attn.c_attn.bias`, 3 * width, 0);
    normal(`${p}attn.c_proj.weight`, [width, width], 0.02 / Math.sqrt(2 * layers));
    constant(`${p}attn.c_proj.bias`, width, 0);
    constant(`${p}ln_2.weight`, width, 1);
    constant(`${p}ln_2.bias`, width, 0);
    normal(`${p}mlp.c_fc.weight`, [width, 4 * width], 0.02);
    constant(`${p}mlp.c_fc.bias`, 4 * width, 0);
    normal(`${p}mlp.c_proj.weight`, [4 * width, width], 0.02 / Math.sqrt(2 * layers));
    constant(`${p}mlp.c_proj.bias`, width, 0);
  }
  constant('transformer.ln_f.weight', width, 1);
  constant('transformer.ln_f.bias', width, 0);
  return out;
}

/** Writes F32 tensors as safetensors, drawing each as it is written (never the whole model in memory). */
export function writeSafetensors(tensors: readonly SyntheticTensor[], file: string): void {
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
}
