/**
 * PyTorch's `torch.save` zip format, read as data: `<archive>/data.pkl` is the state_dict's
 * pickle (read by pickle.ts, which accepts only a state_dict's globals), `<archive>/data/<key>`
 * each storage's raw little-endian bytes. A tensor is `_rebuild_tensor_v2(storage, offset, size,
 * stride, …)`: its extent is checked against its storage and the storage against the file.
 * Tensors on one storage are tied (GPT-2's lm_head and wte).
 */
import path from 'node:path';
import { Call, Global, PersistentId, unpickle } from './pickle.ts';
import { checkShape, ModelReadError, numel, type FloatDtype, type ModelIndex, type TensorEntry } from './types.ts';
import { openZip, readEntry, storedDataOffset } from './zipEntries.ts';

/** A state_dict's pickle is small; a bigger one is refused before it is unpacked. */
export const MAX_PICKLE_BYTES = 64 * 2 ** 20;

const STORAGES: Record<string, { bytes: number; dtype?: FloatDtype; torch: string }> = {
  'torch.FloatStorage': { bytes: 4, dtype: 'F32', torch: 'float32' },
  'torch.HalfStorage': { bytes: 2, dtype: 'F16', torch: 'float16' },
  'torch.BFloat16Storage': { bytes: 2, dtype: 'BF16', torch: 'bfloat16' },
  'torch.DoubleStorage': { bytes: 8, dtype: 'F64', torch: 'float64' },
  'torch.LongStorage': { bytes: 8, torch: 'int64' },
  'torch.IntStorage': { bytes: 4, torch: 'int32' },
  'torch.ShortStorage': { bytes: 2, torch: 'int16' },
  'torch.CharStorage': { bytes: 1, torch: 'int8' },
  'torch.ByteStorage': { bytes: 1, torch: 'uint8' },
  'torch.BoolStorage': { bytes: 1, torch: 'bool' },
};

function intList(value: unknown, where: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v) && v >= 0))
    throw new ModelReadError(`${where}: ${JSON.stringify(value)} is not a tuple of non-negative integers`);
  return value as number[];
}

/** The tensor a state_dict value rebuilds, or undefined for anything else (a number, a string). */
function rebuiltTensor(value: unknown): Call | undefined {
  if (!(value instanceof Call)) return undefined;
  if (value.fn.name === 'torch._utils._rebuild_parameter') return rebuiltTensor(value.args[0]);
  return value.fn.name === 'torch._utils._rebuild_tensor_v2' ? value : undefined;
}

/** name → value of a (possibly nested) state_dict, nested names joined by '.'. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value instanceof Map) {
    for (const [key, v] of value) flatten(v, prefix ? `${prefix}.${String(key)}` : String(key), out);
  } else out.set(prefix, value);
}

export async function indexPytorch(file: string): Promise<ModelIndex> {
  const what = path.basename(file);
  const archive = await openZip(file, what);
  try {
    const pkl = [...archive.entries.values()].find((e) => e.name.endsWith('/data.pkl') && e.name.split('/').length === 2);
    if (pkl === undefined)
      throw new ModelReadError(`${what}: no <archive>/data.pkl: not a torch.save zip (an older pickle-only .pt is not read)`);
    const prefix = pkl.name.slice(0, -'data.pkl'.length);
    const root = unpickle(await readEntry(archive, pkl, MAX_PICKLE_BYTES, what), `${what}: data.pkl`);
    if (!(root instanceof Map)) throw new ModelReadError(`${what}: data.pkl holds no dict: not a state_dict`);
    const values = new Map<string, unknown>();
    flatten(root, '', values);
    const index: ModelIndex = { format: 'pytorch', path: file, tensors: [], skipped: [], tied: new Map() };
    const byStorage = new Map<string, string[]>();
    for (const [name, value] of values) {
      const call = rebuiltTensor(value);
      if (call === undefined) {
        index.skipped.push({ name, dtype: typeof value, why: 'not a tensor' });
        continue;
      }
      const where = `${what}: tensor "${name}"`;
      const [storage, storageOffset, size, stride] = call.args;
      const id = storage instanceof PersistentId ? storage.id : undefined;
      if (!Array.isArray(id) || id[0] !== 'storage' || !(id[1] instanceof Global) || typeof id[2] !== 'string')
        throw new ModelReadError(`${where}: its storage is not a ('storage', type, key, location, numel) id`);
      const kind = STORAGES[id[1].name];
      if (kind === undefined) throw new ModelReadError(`${where}: storage type ${id[1].name} is unknown`);
      const storageNumel = id[4];
      if (!Number.isSafeInteger(storageNumel) || (storageNumel as number) < 0)
        throw new ModelReadError(`${where}: its storage size ${String(storageNumel)} is not a count`);
      const shape = checkShape([...intList(size, `${where} size`)], where);
      const strides = intList(stride, `${where} stride`);
      if (strides.length !== shape.length) throw new ModelReadError(`${where}: ${shape.length} sizes but ${strides.length} strides`);
      if (!Number.isSafeInteger(storageOffset) || (storageOffset as number) < 0)
        throw new ModelReadError(`${where}: storage offset ${String(storageOffset)} is not a count`);
      const last = numel(shape) === 0 ? -1 : (storageOffset as number) + shape.reduce((s, d, i) => s + (d - 1) * (strides[i] as number), 0);
      if (last >= (storageNumel as number))
        throw new ModelReadError(`${where}: its elements reach storage element ${last}, past the storage's ${storageNumel as number}`);
      const entry = archive.entries.get(`${prefix}data/${id[2]}`);
      if (entry === undefined) throw new ModelReadError(`${where}: storage ${id[2]} is not in the archive`);
      if (entry.size < (storageNumel as number) * kind.bytes)
        throw new ModelReadError(
          `${where}: storage ${id[2]} holds ${entry.size} bytes, its ${storageNumel as number} elements need ${(storageNumel as number) * kind.bytes}`,
        );
      byStorage.set(id[2], [...(byStorage.get(id[2]) ?? []), name]);
      if (kind.dtype === undefined) {
        index.skipped.push({ name, dtype: kind.torch, why: `dtype ${kind.torch}: not a floating-point weight` });
        continue;
      }
      const dataStart = storedDataOffset(archive, entry, what);
      const contiguous = strides.every((s, i) => s === shape.slice(i + 1).reduce((p, d) => p * d, 1));
      const tensor: TensorEntry = {
        name,
        shape,
        dtype: kind.dtype,
        file,
        offset: dataStart + (storageOffset as number) * kind.bytes,
        span: Math.max(0, last + 1 - (storageOffset as number)) * kind.bytes,
        storage: id[2],
        ...(contiguous ? {} : { strides }),
      };
      index.tensors.push(tensor);
    }
    for (const names of byStorage.values())
      if (names.length > 1)
        for (const name of names)
          index.tied.set(
            name,
            names.filter((n) => n !== name),
          );
    return index;
  } finally {
    archive.zip.close();
  }
}
