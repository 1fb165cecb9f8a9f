/**
 * A tfjs Layers model: model.json (its topology and weights manifest) and its weight shards,
 * decoded by tfjs's own `io.decodeWeights`; each weight's layer class, from the topology, gives
 * its role. Shard paths must be plain names beside model.json, and their bytes must match what
 * the manifest declares before anything is decoded.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { checkShape, isFloatDtype, ModelReadError, numel, type ModelIndex } from './types.ts';

interface Manifest {
  paths: string[];
  weights: Array<{ name: string; shape: number[]; dtype: string; quantization?: { dtype: string } }>;
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function layerClasses(topology: unknown): Map<string, string> {
  const classes = new Map<string, string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as { class_name?: unknown; config?: { name?: unknown; layers?: unknown } };
    if (typeof n.class_name === 'string' && typeof n.config?.name === 'string') classes.set(n.config.name, n.class_name);
    for (const value of Object.values(node)) walk(value);
  };
  walk(topology);
  return classes;
}

export async function indexTfjs(modelJson: string): Promise<ModelIndex> {
  const folder = path.dirname(modelJson);
  let model: { modelTopology?: unknown; weightsManifest?: Manifest[] };
  try {
    model = JSON.parse(readFileSync(modelJson, 'utf8'));
  } catch (error) {
    throw new ModelReadError(`${path.basename(modelJson)} is not JSON (${(error as Error).message})`);
  }
  if (model === null || typeof model !== 'object' || !Array.isArray(model.weightsManifest))
    throw new ModelReadError(`${path.basename(modelJson)}: no weightsManifest: not a tfjs model.json`);
  const index: ModelIndex = { format: 'tfjs', path: modelJson, tensors: [], skipped: [], tied: new Map(), layerClasses: new Map() };
  const classes = layerClasses(model.modelTopology);
  for (const group of model.weightsManifest) {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new ModelReadError(`${path.basename(modelJson)}: a manifest group without paths and weights`);
    let declared = 0;
    for (const w of group.weights) {
      checkShape(w.shape, `weight "${w.name}"`);
      const dtype = w.quantization?.dtype ?? w.dtype;
      const bytes = BYTES[dtype];
      if (bytes === undefined) throw new ModelReadError(`weight "${w.name}": dtype ${dtype} is not one tfjs writes`);
      declared += numel(w.shape) * bytes;
    }
    const shards = group.paths.map((p) => {
      if (typeof p !== 'string' || p !== path.basename(p))
        throw new ModelReadError(`weights path ${JSON.stringify(p)} is not a file name beside model.json`);
      const file = path.join(folder, p);
      if (!existsSync(file)) throw new ModelReadError(`weights file ${p} is missing beside model.json`);
      return file;
    });
    const size = shards.reduce((s, f) => s + statSync(f).size, 0);
    if (size !== declared)
      throw new ModelReadError(`weight shards ${group.paths.join(', ')} hold ${size} bytes, the manifest declares ${declared}`);
    const buffer = Buffer.concat(shards.map((f) => readFileSync(f)));
    const decoded = tf.io.decodeWeights(
      buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
      group.weights as tf.io.WeightsManifestEntry[],
    );
    for (const w of group.weights) {
      const tensor = decoded[w.name] as tf.Tensor;
      const layer = w.name.split('/')[0] ?? w.name;
      if (tensor.dtype !== 'float32' || !isFloatDtype('F32')) {
        index.skipped.push({ name: w.name, dtype: tensor.dtype, why: `dtype ${tensor.dtype}: not a floating-point weight` });
      } else {
        const values = tensor.dataSync() as Float32Array;
        const inline = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
        index.tensors.push({
          name: w.name,
          shape: [...w.shape],
          dtype: 'F32',
          file: modelJson,
          offset: 0,
          span: inline.byteLength,
          inline,
        });
        // a weight of a known layer takes its role from the class; a converted model's (no layers) from its name
        const layerClass = classes.get(layer);
        if (layerClass !== undefined) index.layerClasses!.set(w.name, layerClass);
      }
      tensor.dispose();
    }
  }
  return index;
}

/** The parts of a tfjs-layers LayersModel the audit reads (structural, so tfjs-layers is not a dependency). */
export interface LayersModelLike {
  name?: string;
  layers: Array<{ name: string; getClassName(): string; weights: Array<{ name: string; shape: Array<number | null>; read(): tf.Tensor }> }>;
}

/** A LayersModel in memory as a model index: each weight's values and its layer's class. */
export function indexLayersModel(model: LayersModelLike): ModelIndex {
  const index: ModelIndex = {
    format: 'tfjs',
    path: `LayersModel ${model.name ?? ''}`.trim(),
    tensors: [],
    skipped: [],
    tied: new Map(),
    layerClasses: new Map(),
  };
  for (const layer of model.layers)
    for (const weight of layer.weights) {
      const tensor = weight.read();
      if (tensor.dtype !== 'float32') {
        index.skipped.push({ name: weight.name, dtype: tensor.dtype, why: `dtype ${tensor.dtype}: not a floating-point weight` });
        continue;
      }
      const values = tensor.dataSync() as Float32Array;
      const inline = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
      index.tensors.push({
        name: weight.name,
        shape: [...tensor.shape],
        dtype: 'F32',
        file: index.path,
        offset: 0,
        span: inline.byteLength,
        inline,
      });
      index.layerClasses!.set(weight.name, layer.getClassName());
    }
  return index;
}
