/**
 * safetensors (huggingface/safetensors): 8 bytes of little-endian header length N, N bytes of
 * JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__"?: {…} }`, then the
 * data, offsets relative to its start. Everything is checked against the file's size before a
 * byte of data is read: N, each extent, each extent against its shape, overlaps.
 * A folder: the shards `model.safetensors.index.json`'s weight_map names, or every
 * *.safetensors in it.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import {
  checkShape,
  DTYPE_BYTES,
  isFloatDtype,
  ModelReadError,
  numel,
  type ModelIndex,
  type SkippedTensor,
  type TensorEntry,
} from './types.ts';

/** The spec's own limit on the header (safetensors rejects larger ones). */
export const MAX_HEADER_BYTES = 100_000_000;

/** Bytes per element of the dtypes safetensors names, to check extents of the skipped ones too. */
const ALL_DTYPE_BYTES: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U64: 8,
  U32: 4,
  U16: 2,
  U8: 1,
  BOOL: 1,
  F8_E4M3: 1,
  F8_E5M2: 1,
};

function readExactly(fd: number, length: number, position: number, what: string): Buffer {
  const buffer = Buffer.alloc(length);
  const got = readSync(fd, buffer, 0, length, position);
  if (got !== length) throw new ModelReadError(`${what}: the file ends after ${got} of ${length} bytes`);
  return buffer;
}

/** One .safetensors file's tensors, checked. */
export function indexSafetensorsFile(file: string): { tensors: TensorEntry[]; skipped: SkippedTensor[] } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const name = path.basename(file);
    if (size < 8) throw new ModelReadError(`${name}: ${size} bytes, shorter than the 8-byte header length`);
    const n = readExactly(fd, 8, 0, name).readBigUInt64LE(0);
    if (n > BigInt(size - 8))
      throw new ModelReadError(`${name}: header length ${n} runs past the end of the file (${size - 8} bytes after the length)`);
    if (n > BigInt(MAX_HEADER_BYTES))
      throw new ModelReadError(`${name}: header length ${n} is over safetensors' limit of ${MAX_HEADER_BYTES}`);
    const headerBytes = Number(n);
    let header: unknown;
    try {
      header = JSON.parse(readExactly(fd, headerBytes, 8, name).toString('utf8'));
    } catch (error) {
      if (error instanceof ModelReadError) throw error;
      throw new ModelReadError(`${name}: its header is not JSON (${(error as Error).message})`);
    }
    if (header === null || typeof header !== 'object' || Array.isArray(header))
      throw new ModelReadError(`${name}: its header is not a JSON object (${Array.isArray(header) ? 'an array' : typeof header})`);
    const dataStart = 8 + headerBytes;
    const dataBytes = size - dataStart;
    const tensors: TensorEntry[] = [];
    const skipped: SkippedTensor[] = [];
    const extents: Array<{ name: string; begin: number; end: number }> = [];
    for (const [key, value] of Object.entries(header as Record<string, unknown>)) {
      if (key === '__metadata__') continue;
      const where = `${name}: tensor "${key}"`;
      const info = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      if (info === null || typeof info !== 'object') throw new ModelReadError(`${where} is not an object`);
      const dtype = String(info.dtype);
      const shape = checkShape(info.shape, where);
      const offsets = info.data_offsets;
      if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0))
        throw new ModelReadError(`${where}: data_offsets ${JSON.stringify(offsets)} is not [begin, end]`);
      const [begin, end] = offsets as [number, number];
      if (begin > end || end > dataBytes)
        throw new ModelReadError(`${where}: data_offsets [${begin}, ${end}] lie outside the ${dataBytes} bytes of data`);
      const bytes = ALL_DTYPE_BYTES[dtype];
      if (bytes === undefined) throw new ModelReadError(`${where}: dtype ${dtype} is not a safetensors dtype`);
      if (end - begin !== numel(shape) * bytes)
        throw new ModelReadError(
          `${where}: shape [${shape.join(', ')}] of ${dtype} needs ${numel(shape) * bytes} bytes, its offsets hold ${end - begin}`,
        );
      extents.push({ name: key, begin, end });
      if (!isFloatDtype(dtype)) {
        skipped.push({ name: key, dtype, why: `dtype ${dtype}: not a floating-point weight` });
        continue;
      }
      tensors.push({ name: key, shape, dtype, file, offset: dataStart + begin, span: end - begin });
      void DTYPE_BYTES;
    }
    extents.sort((a, b) => a.begin - b.begin || a.end - b.end);
    for (let i = 1; i < extents.length; i++) {
      const [a, b] = [extents[i - 1]!, extents[i]!];
      if (b.begin < a.end && b.end > b.begin)
        throw new ModelReadError(`${name}: tensors "${a.name}" [${a.begin}, ${a.end}) and "${b.name}" [${b.begin}, ${b.end}) overlap`);
    }
    return { tensors, skipped };
  } finally {
    closeSync(fd);
  }
}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ModelReadError(`${what}: ${path.basename(file)} is not JSON (${(error as Error).message})`);
  }
}

/** A shard name from an index: a plain file name in the same folder, never a path out of it. */
function shardPath(folder: string, shard: unknown): string {
  if (typeof shard !== 'string' || shard !== path.basename(shard) || shard === '.' || shard === '..')
    throw new ModelReadError(`model.safetensors.index.json: shard ${JSON.stringify(shard)} is not a file name in its folder`);
  const file = path.join(folder, shard);
  if (!existsSync(file)) throw new ModelReadError(`model.safetensors.index.json names ${shard}, which is not in ${folder}`);
  return file;
}

/** A .safetensors file, or a folder of them (sharded with its index, or not). */
export function indexSafetensors(target: string, folder = path.dirname(target)): ModelIndex {
  const index: ModelIndex = { format: 'safetensors', path: target, tensors: [], skipped: [], tied: new Map() };
  let files: string[];
  const indexFile = path.join(folder, 'model.safetensors.index.json');
  if (target === folder && existsSync(indexFile)) {
    const map = (readJson(indexFile, 'the shard index') as { weight_map?: unknown }).weight_map;
    if (map === null || typeof map !== 'object' || Array.isArray(map))
      throw new ModelReadError('model.safetensors.index.json has no weight_map object');
    files = [...new Set(Object.values(map as Record<string, unknown>).map((s) => shardPath(folder, s)))].sort();
    const named = new Set(Object.keys(map as object));
    for (const file of files) {
      const one = indexSafetensorsFile(file);
      index.tensors.push(...one.tensors);
      index.skipped.push(...one.skipped);
    }
    const found = new Set([...index.tensors.map((t) => t.name), ...index.skipped.map((t) => t.name)]);
    const missing = [...named].filter((n) => !found.has(n));
    if (missing.length)
      throw new ModelReadError(
        `model.safetensors.index.json names ${missing.length} tensor(s) no shard holds: ${missing.slice(0, 3).join(', ')}`,
      );
  } else {
    files =
      target === folder
        ? readdirSync(folder)
            .filter((f) => f.endsWith('.safetensors'))
            .sort()
            .map((f) => path.join(folder, f))
        : [target];
    if (files.length === 0) throw new ModelReadError(`${folder} holds no .safetensors file`);
    for (const file of files) {
      const one = indexSafetensorsFile(file);
      index.tensors.push(...one.tensors);
      index.skipped.push(...one.skipped);
    }
  }
  const names = index.tensors.map((t) => t.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new ModelReadError(`tensor "${twice}" is in more than one shard`);
  const config = path.join(folder, 'config.json');
  if (existsSync(config)) index.config = readJson(config, 'config.json') as Record<string, unknown>;
  return index;
}
