/**
 * A reader for NumPy's .npy format (version 1–3), float32 and float64, C or Fortran order: enough
 * for a weight dumped with `np.save('w.npy', w.detach().numpy())`.
 */
export interface NpyArray {
  shape: number[];
  /** Values in C (row-major) order, as float64. */
  values: Float64Array;
  dtype: 'float32' | 'float64';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function readNpy(bytes: Uint8Array, name = 'the .npy file'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error(`${name} is not a .npy file (no \\x93NUMPY magic)`);
  const major = bytes[6] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1] === 'True';
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || shapeText === undefined) throw new Error(`${name}: cannot read its header ${JSON.stringify(header.trim())}`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const kinds: Record<string, { dtype: NpyArray['dtype']; size: number; little: boolean }> = {
    '<f4': { dtype: 'float32', size: 4, little: true },
    '>f4': { dtype: 'float32', size: 4, little: false },
    '<f8': { dtype: 'float64', size: 8, little: true },
    '>f8': { dtype: 'float64', size: 8, little: false },
  };
  const kind = kinds[descr];
  if (kind === undefined) throw new Error(`${name}: dtype ${descr} is not supported (float32 or float64 only)`);
  const count = shape.reduce((p, d) => p * d, 1);
  const dataStart = headerStart + headerLength;
  if (bytes.length - dataStart < count * kind.size)
    throw new Error(
      `${name}: header says ${count} values of ${descr}, the file holds ${Math.floor((bytes.length - dataStart) / kind.size)}`,
    );
  const raw = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = dataStart + i * kind.size;
    raw[i] = kind.size === 4 ? view.getFloat32(at, kind.little) : view.getFloat64(at, kind.little);
  }
  return { shape, values: fortran ? toRowMajor(raw, shape) : raw, dtype: kind.dtype };
}

function toRowMajor(columnMajor: Float64Array, shape: number[]): Float64Array {
  const out = new Float64Array(columnMajor.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < columnMajor.length; c++) {
    // c walks the Fortran order (first index fastest); write to the C position
    let rowMajor = 0;
    for (let d = 0; d < shape.length; d++) rowMajor = rowMajor * (shape[d] as number) + (index[d] as number);
    out[rowMajor] = columnMajor[c] as number;
    for (let d = 0; d < shape.length; d++) {
      index[d] = (index[d] as number) + 1;
      if ((index[d] as number) < (shape[d] as number)) break;
      index[d] = 0;
    }
  }
  return out;
}
