/**
 * `.npy` (one array) and `.npz` (a zip of them, as `np.savez` writes, compressed or not) as
 * model indexes: each array a tensor named by its entry. The .npy header is read by the audit's
 * reader (src/audit/npy.ts has the single-weight audit); here the header alone is parsed, and
 * the data's place checked against the file, so values are read like any other tensor's.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkShape, ModelReadError, numel, type FloatDtype, type ModelIndex, type TensorEntry } from './types.ts';
import { openZip, readEntry, storedDataOffset } from './zipEntries.ts';

const DESCRS: Record<string, FloatDtype | undefined> = { '<f4': 'F32', '<f8': 'F64', '<f2': 'F16' };

/** A .npy header at `start` of `file`: shape, dtype and where the data begins, checked. */
export function npyHeader(
  file: string,
  start: number,
  length: number,
  what: string,
): { shape: number[]; descr: string; dataOffset: number; fortran: boolean } {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(length, 65536 + 12));
    readSync(fd, head, 0, head.length, start);
    if (head.length < 10 || head.toString('latin1', 1, 6) !== 'NUMPY' || head[0] !== 0x93)
      throw new ModelReadError(`${what}: not a .npy array (no \\x93NUMPY magic)`);
    const major = head[6] as number;
    const headerLength = major === 1 ? head.readUInt16LE(8) : head.readUInt32LE(8);
    const headerStart = major === 1 ? 10 : 12;
    if (headerStart + headerLength > Math.min(length, head.length))
      throw new ModelReadError(`${what}: its header length ${headerLength} runs past the array`);
    const header = head.toString('latin1', headerStart, headerStart + headerLength);
    const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
    const fortran = /'fortran_order':\s*True/.test(header);
    const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
    if (descr === undefined || shapeText === undefined)
      throw new ModelReadError(`${what}: cannot read its header ${JSON.stringify(header.trim())}`);
    const shape = checkShape(
      shapeText
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number),
      what,
    );
    return { shape, descr, dataOffset: start + headerStart + headerLength, fortran };
  } finally {
    closeSync(fd);
  }
}

function entryFor(name: string, file: string, start: number, length: number, index: ModelIndex): void {
  const { shape, descr, dataOffset, fortran } = npyHeader(file, start, length, name);
  const dtype = DESCRS[descr];
  if (dtype === undefined) {
    index.skipped.push({ name, dtype: descr, why: `dtype ${descr}: not a little-endian float` });
    return;
  }
  const bytes = dtype === 'F64' ? 8 : dtype === 'F32' ? 4 : 2;
  const span = numel(shape) * bytes;
  if (dataOffset + span > start + length)
    throw new ModelReadError(
      `${name}: shape [${shape.join(', ')}] needs ${span} bytes of ${descr}, the array holds ${start + length - dataOffset}`,
    );
  // Fortran order: the same elements, strides reversed (the first index fastest)
  const strides = fortran ? shape.map((_, i) => shape.slice(0, i).reduce((p, d) => p * d, 1)) : undefined;
  const entry: TensorEntry = { name, shape, dtype, file, offset: dataOffset, span, ...(strides && shape.length > 1 ? { strides } : {}) };
  index.tensors.push(entry);
}

export function indexNpy(file: string): ModelIndex {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  closeSync(fd);
  const index: ModelIndex = { format: 'npy', path: file, tensors: [], skipped: [], tied: new Map() };
  entryFor(path.basename(file, '.npy'), file, 0, size, index);
  return index;
}

/** A compressed .npz entry is unpacked (bounded) to a temporary file, then read like a stored one. */
export const MAX_NPZ_ENTRY_BYTES = 2 ** 30;

export async function indexNpz(file: string): Promise<ModelIndex> {
  const what = path.basename(file);
  const archive = await openZip(file, what);
  const index: ModelIndex = { format: 'npz', path: file, tensors: [], skipped: [], tied: new Map() };
  try {
    for (const entry of archive.entries.values()) {
      if (!entry.name.endsWith('.npy')) continue;
      const name = entry.name.slice(0, -4);
      if (!entry.compressed) {
        entryFor(name, file, storedDataOffset(archive, entry, what), entry.size, index);
        continue;
      }
      const dir = mkdtempSync(path.join(os.tmpdir(), 'initspec-npz-'));
      const unpacked = path.join(dir, 'a.npy');
      writeFileSync(unpacked, await readEntry(archive, entry, MAX_NPZ_ENTRY_BYTES, what));
      entryFor(name, unpacked, 0, entry.size, index);
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
  } finally {
    archive.zip.close();
  }
  if (index.tensors.length + index.skipped.length === 0) throw new ModelReadError(`${what}: no .npy array in the archive`);
  return index;
}
