/** Small model files written by the tests themselves: safetensors, zips (torch.save's layout), pickles. */
import { deflateRawSync } from 'node:zlib';

export function safetensorsBytes(tensors: Record<string, { dtype: string; shape: number[]; data: Uint8Array }>, header?: unknown): Buffer {
  let offset = 0;
  const meta: Record<string, unknown> = {};
  const chunks: Uint8Array[] = [];
  for (const [name, t] of Object.entries(tensors)) {
    meta[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    chunks.push(t.data);
    offset += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header ?? meta));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, ...chunks]);
}

export const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

/** A zip of entries, stored or deflated; `declared` overrides an entry's uncompressed size in its headers. */
export function zipBytes(entries: Array<{ name: string; data: Buffer; deflate?: boolean; declared?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(0, 14); // crc: yauzl checks sizes, not the crc
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Pickle opcodes, for hand-made pickles. */
export const pickle = {
  proto: Buffer.from([0x80, 0x02]),
  global: (module: string, name: string) => Buffer.concat([Buffer.from('c'), Buffer.from(`${module}\n${name}\n`)]),
  str: (s: string) => {
    const b = Buffer.from(s);
    return Buffer.concat([Buffer.from([0x8c, b.length]), b]);
  },
  int: (n: number) => Buffer.from([0x4b, n]),
  tuple: (...items: Buffer[]) => Buffer.concat([Buffer.from('('), ...items, Buffer.from('t')]),
  emptyDict: Buffer.from('}'),
  mark: Buffer.from('('),
  setitems: Buffer.from('u'),
  reduce: Buffer.from('R'),
  binpersid: Buffer.from('Q'),
  stop: Buffer.from('.'),
  false: Buffer.from([0x89]),
};

/** A torch.save-shaped pickle of { name: _rebuild_tensor_v2(storage key, offset, size, stride) } with float storages. */
export function stateDictPickle(
  tensors: Array<{ name: string; key: string; numel: number; offset: number; size: number[]; stride: number[] }>,
  storage = 'FloatStorage',
): Buffer {
  const p = pickle;
  const items = tensors.map((t) =>
    Buffer.concat([
      p.str(t.name),
      p.global('torch._utils', '_rebuild_tensor_v2'),
      p.mark,
      p.tuple(p.str('storage'), p.global('torch', storage), p.str(t.key), p.str('cpu'), p.int(t.numel)),
      p.binpersid,
      p.int(t.offset),
      p.tuple(...t.size.map(p.int)),
      p.tuple(...t.stride.map(p.int)),
      p.false,
      p.global('collections', 'OrderedDict'),
      Buffer.from(')'),
      p.reduce,
      Buffer.from('t'),
      p.reduce,
    ]),
  );
  return Buffer.concat([p.proto, p.global('collections', 'OrderedDict'), Buffer.from(')'), p.reduce, p.mark, ...items, p.setitems, p.stop]);
}
