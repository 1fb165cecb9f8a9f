/**
 * A model file, indexed: every tensor's name, shape, dtype and where its bytes are, found and
 * checked against the file's size before anything is allocated. Values are read one tensor at a
 * time (tensorBytes.ts), never the whole file.
 */

/** The dtypes whose values are read; any other is listed as skipped, named. */
export const FLOAT_DTYPES = ['F32', 'F16', 'BF16', 'F64'] as const;
export type FloatDtype = (typeof FLOAT_DTYPES)[number];
export const DTYPE_BYTES: Record<FloatDtype, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };

export function isFloatDtype(dtype: string): dtype is FloatDtype {
  return (FLOAT_DTYPES as readonly string[]).includes(dtype);
}

/** Where a tensor's values are: `count` elements of `dtype`, the i-th at offset + (Σ index·stride)·bytes. */
export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: FloatDtype;
  file: string;
  /** absolute byte offset of element 0 */
  offset: number;
  /** element strides (row-major contiguous when absent) */
  strides?: number[];
  /** bytes from offset that hold every element (checked against the file) */
  span: number;
  /** the storage the format says it shares (torch), for ties */
  storage?: string;
  /** the bytes themselves, where a format decodes them (tfjs): read instead of the file */
  inline?: Uint8Array;
}

export interface SkippedTensor {
  name: string;
  dtype: string;
  why: string;
}

export interface ModelIndex {
  format: 'safetensors' | 'pytorch' | 'npy' | 'npz' | 'tfjs';
  path: string;
  tensors: TensorEntry[];
  skipped: SkippedTensor[];
  /** tensors the format itself ties (one storage): name → the other names */
  tied: Map<string, string[]>;
  /** config.json beside the weights (Hugging Face), when there */
  config?: Record<string, unknown>;
  /** tfjs: each weight's layer class (Dense, Conv2D, Embedding, …), which gives its role */
  layerClasses?: Map<string, string>;
}

/** A file that cannot be read as what it claims to be: the CLI's exit 2, one line. */
export class ModelReadError extends Error {
  override name = 'ModelReadError';
}

export const numel = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** A shape read from a file: non-negative safe integers, a product that stays safe. */
export function checkShape(shape: unknown, where: string): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new ModelReadError(`${where}: shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
  const count = shape.reduce((p: number, d: number) => p * d, 1);
  if (!Number.isSafeInteger(count))
    throw new ModelReadError(`${where}: shape ${JSON.stringify(shape)} has more elements than can be counted`);
  return shape as number[];
}
