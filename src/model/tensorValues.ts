/**
 * One tensor's values, read from its file alone (the file is never held whole): a pass over every
 * element for what needs all of them (non-finite values, min and max, a hash of its bits for
 * copies), and a deterministic subsample, as float64, for what a sample decides (std, family).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { DTYPE_BYTES, ModelReadError, numel, type FloatDtype, type TensorEntry } from './types.ts';

export interface TensorValues {
  count: number;
  nonFinite: number;
  /** over the finite values */
  min: number;
  max: number;
  /** every element equal (finite) */
  constant: boolean;
  /** SHA-1 of the elements' bits in row-major order: equal for bit-identical tensors */
  hash: string;
  /** finite values, every k-th element from a seeded start (all of them when count ≤ limit) */
  sample: Float64Array;
  /** how the sample was taken */
  sampling: string;
}

const f16 = new Float32Array(1);
const f16Bits = new Uint32Array(f16.buffer);

/** IEEE half → float64. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 → float64: the top half of a float32. */
export function bfloat16ToFloat(b: number): number {
  f16Bits[0] = b << 16;
  return f16[0] as number;
}

function decoder(dtype: FloatDtype, view: DataView): (i: number) => number {
  switch (dtype) {
    case 'F32':
      return (i) => view.getFloat32(i * 4, true);
    case 'F64':
      return (i) => view.getFloat64(i * 8, true);
    case 'F16':
      return (i) => halfToFloat(view.getUint16(i * 2, true));
    case 'BF16':
      return (i) => bfloat16ToFloat(view.getUint16(i * 2, true));
  }
}

/** The element positions (in storage elements from offset) of a strided tensor, row-major. */
function positions(shape: readonly number[], strides: readonly number[]): Float64Array {
  const count = numel(shape);
  const out = new Float64Array(count);
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let at = 0;
    for (let d = 0; d < shape.length; d++) at += (index[d] as number) * (strides[d] as number);
    out[i] = at;
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (shape[d] as number)) break;
      index[d] = 0;
    }
  }
  return out;
}

/** A deterministic sample stride: about `limit` elements, from a start fixed by the tensor's name. */
function sampling(count: number, limit: number, name: string): { start: number; step: number } {
  if (count <= limit) return { start: 0, step: 1 };
  const step = Math.ceil(count / limit);
  const start = createHash('sha1').update(name).digest().readUInt32LE(0) % step;
  return { start, step };
}

function readSpan(entry: TensorEntry): Buffer {
  const buffer = Buffer.allocUnsafe(entry.span);
  const fd = openSync(entry.file, 'r');
  try {
    const got = readSync(fd, buffer, 0, entry.span, entry.offset);
    if (got !== entry.span) throw new ModelReadError(`${entry.name}: the file ends after ${got} of its ${entry.span} bytes`);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/** Reads `entry` from its file and summarises it; `limit` bounds the sample. */
export function tensorValues(entry: TensorEntry, limit: number): TensorValues {
  const bytes = DTYPE_BYTES[entry.dtype];
  const count = numel(entry.shape);
  const buffer = entry.inline ? Buffer.from(entry.inline.buffer, entry.inline.byteOffset, entry.inline.byteLength) : readSpan(entry);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const read = decoder(entry.dtype, view);
  const contiguous = entry.strides === undefined;
  const at = contiguous ? undefined : positions(entry.shape, entry.strides as number[]);
  const hash = createHash('sha1');
  if (contiguous) hash.update(buffer.subarray(0, count * bytes));
  else {
    const element = Buffer.allocUnsafe(bytes);
    for (let i = 0; i < count; i++) {
      buffer.copy(element, 0, (at![i] as number) * bytes, ((at![i] as number) + 1) * bytes);
      hash.update(element);
    }
  }
  const { start, step } = sampling(count, limit, entry.name);
  // F32 in place where aligned (the common case): a typed array read, not a DataView call per value
  const f32 =
    contiguous && entry.dtype === 'F32' && buffer.byteOffset % 4 === 0
      ? new Float32Array(buffer.buffer, buffer.byteOffset, count)
      : undefined;
  const valueAt = f32 ? (i: number) => f32[i] as number : (i: number) => read(contiguous ? i : (at![i] as number));
  let nonFinite = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const x = valueAt(i);
    // x − x is 0 for a finite x, NaN for NaN and ±Infinity
    if (x - x === 0) {
      if (x < min) min = x;
      if (x > max) max = x;
    } else nonFinite++;
  }
  const sample = new Float64Array(count === 0 ? 0 : Math.ceil((count - start) / step));
  let sampled = 0;
  for (let i = start; i < count; i += step) {
    const x = valueAt(i);
    if (Number.isFinite(x)) sample[sampled++] = x;
  }
  return {
    count,
    nonFinite,
    min,
    max,
    constant: count > 0 && nonFinite === 0 && min === max,
    hash: hash.digest('hex'),
    sample: sample.subarray(0, sampled),
    sampling: step === 1 ? `all ${count} values` : `every ${step}th of ${count} values from #${start}: ${sampled}`,
  };
}
