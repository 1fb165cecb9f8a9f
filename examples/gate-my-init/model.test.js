// Gating a whole model at init: export the state_dict your training code starts from (here a tiny
// GPT-2-shaped one, written as safetensors by `exportModel`), and check every tensor against the
// rules of the code it claims to follow (Hugging Face GPT-2's _init_weights: the preset hf-gpt2).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { initspecMatchers } from 'initspec/vitest';

expect.extend(initspecMatchers);

/** A seeded N(0, std²) draw (Box–Muller over a 32-bit LCG): the same weights every run. */
function normals(count, std, seed) {
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return Float32Array.from({ length: count }, () => std * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()));
}

/** GPT-2's layout: Conv1D weights [in, out], c_proj at 0.02/√(2·n_layer), LayerNorm ones and zeros. */
function gpt2State({ layers = 2, width = 64, vocab = 256, layerNormBug = false }) {
  const tensors = { 'transformer.wte.weight': [[vocab, width], normals(vocab * width, 0.02, 1)] };
  for (let i = 0; i < layers; i++) {
    const p = `transformer.h.${i}.`;
    const ln = (name) => {
      // the bug of huggingface/transformers#143: LayerNorm's gain drawn like a weight
      tensors[`${p}${name}.weight`] = [[width], layerNormBug && i === 1 ? normals(width, 0.02, 9) : new Float32Array(width).fill(1)];
      tensors[`${p}${name}.bias`] = [[width], new Float32Array(width)];
    };
    ln('ln_1');
    tensors[`${p}attn.c_attn.weight`] = [[width, 3 * width], normals(3 * width * width, 0.02, 10 + i)];
    tensors[`${p}attn.c_proj.weight`] = [[width, width], normals(width * width, 0.02 / Math.sqrt(2 * layers), 20 + i)];
    ln('ln_2');
    tensors[`${p}mlp.c_fc.weight`] = [[width, 4 * width], normals(4 * width * width, 0.02, 30 + i)];
    tensors[`${p}mlp.c_proj.weight`] = [[4 * width, width], normals(4 * width * width, 0.02 / Math.sqrt(2 * layers), 40 + i)];
  }
  return tensors;
}

/** safetensors: 8 bytes of header length, the JSON header, the data. */
function exportModel(tensors) {
  let offset = 0;
  const header = {};
  for (const [name, [shape, data]] of Object.entries(tensors)) {
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + data.byteLength] };
    offset += data.byteLength;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gate-my-model-')), 'model.safetensors');
  writeFileSync(file, Buffer.concat([length, json, ...Object.values(tensors).map(([, d]) => Buffer.from(d.buffer))]));
  return file;
}

describe('my GPT-2 at init', () => {
  test('every tensor is as Hugging Face GPT-2 initializes it', async () => {
    await expect(exportModel(gpt2State({}))).toBeInitializedAs('hf-gpt2');
  });

  test('a LayerNorm drawn like a weight (transformers#143) is caught on its tensor', async () => {
    await expect(exportModel(gpt2State({ layerNormBug: true }))).not.toBeInitializedAs('hf-gpt2');
  });
});
