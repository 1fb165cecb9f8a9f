/**
 * The model readers on files the test writes: values read back exactly, and every bad input
 * refused with one line naming the problem (a ModelReadError, the CLI's exit 2), before any
 * allocation sized by the input.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { indexModel } from '../../src/model/indexModel.ts';
import { unpickle } from '../../src/model/pickle.ts';
import { bfloat16ToFloat, halfToFloat, tensorValues } from '../../src/model/tensorValues.ts';
import { f32, pickle, safetensorsBytes, stateDictPickle, zipBytes } from '../support/modelFiles.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'initspec-models-'));
let n = 0;
const file = (bytes: Buffer, ext: string) => {
  const f = path.join(dir, `m${n++}${ext}`);
  writeFileSync(f, bytes);
  return f;
};
const refused = (bytes: Buffer, ext: string, message: RegExp) => expect(indexModel(file(bytes, ext))).rejects.toThrow(message);

describe('safetensors', () => {
  test('F32, F16, BF16 and F64 values read back; other dtypes listed as skipped, named', async () => {
    const half = new Uint8Array(new Uint16Array([0x3c00, 0xc000]).buffer); // 1, -2
    const bf16 = new Uint8Array(new Uint16Array([0x3f80, 0x4040]).buffer); // 1, 3
    const f64 = new Uint8Array(Float64Array.from([0.25, -8]).buffer);
    const i64 = new Uint8Array(16);
    const index = await indexModel(
      file(
        safetensorsBytes({
          a: { dtype: 'F32', shape: [2, 2], data: f32([1, 2, 3, 4]) },
          h: { dtype: 'F16', shape: [2], data: half },
          b: { dtype: 'BF16', shape: [2], data: bf16 },
          d: { dtype: 'F64', shape: [2], data: f64 },
          ids: { dtype: 'I64', shape: [2], data: i64 },
        }),
        '.safetensors',
      ),
    );
    const values = Object.fromEntries(index.tensors.map((t) => [t.name, [...tensorValues(t, 100).sample]]));
    expect(values).toEqual({ a: [1, 2, 3, 4], h: [1, -2], b: [1, 3], d: [0.25, -8] });
    expect(index.skipped).toEqual([{ name: 'ids', dtype: 'I64', why: 'dtype I64: not a floating-point weight' }]);
    expect([halfToFloat(0x7c00), halfToFloat(0x0001), bfloat16ToFloat(0xff80)]).toEqual([Infinity, 2 ** -24, -Infinity]);
  });

  test('bad files: each refused with one line naming the problem', async () => {
    const good = safetensorsBytes({ a: { dtype: 'F32', shape: [2], data: f32([1, 2]) } });
    await refused(good.subarray(0, 5), '.safetensors', /shorter than the 8-byte header length/);
    await refused(good.subarray(0, good.length - 4), '.safetensors', /data_offsets \[0, 8\] lie outside the 4 bytes of data/);
    const longHeader = Buffer.from(good);
    longHeader.writeBigUInt64LE(10n ** 12n);
    await refused(longHeader, '.safetensors', /header length 1000000000000 runs past the end of the file/);
    await refused(safetensorsBytes({}, [1, 2]), '.safetensors', /header is not a JSON object \(an array\)/);
    const notJson = Buffer.concat([Buffer.from([3, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{x:')]);
    await refused(notJson, '.safetensors', /header is not JSON/);
    await refused(
      Buffer.concat([safetensorsBytes({}, { a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }), Buffer.alloc(8)]),
      '.safetensors',
      /shape \[3\] of F32 needs 12 bytes, its offsets hold 8/,
    );
    const twoWeights = safetensorsBytes(
      {},
      { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } },
    );
    await refused(Buffer.concat([twoWeights, Buffer.alloc(12)]), '.safetensors', /tensors "a" \[0, 8\) and "b" \[4, 12\) overlap/);
    await refused(
      safetensorsBytes({}, { a: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }),
      '.safetensors',
      /shape \[-1\] is not a list of non-negative integers/,
    );
  });
});

describe('torch.save zips, read as data', () => {
  const storage = Buffer.from(f32([1, 2, 3, 4, 5, 6]).buffer);
  const pt = (pkl: Buffer, extra: Array<{ name: string; data: Buffer; deflate?: boolean; declared?: number }> = []) =>
    zipBytes([{ name: 'archive/data.pkl', data: pkl }, { name: 'archive/data/0', data: storage }, ...extra]);

  test('a state_dict: offsets, strides (a transposed view) and tensors sharing a storage (tied)', async () => {
    const pkl = stateDictPickle([
      { name: 'w', key: '0', numel: 6, offset: 0, size: [2, 3], stride: [3, 1] },
      { name: 'wT', key: '0', numel: 6, offset: 0, size: [3, 2], stride: [1, 3] },
      { name: 'tail', key: '0', numel: 6, offset: 4, size: [2], stride: [1] },
    ]);
    const index = await indexModel(file(pt(pkl), '.pt'));
    const values = Object.fromEntries(index.tensors.map((t) => [t.name, [...tensorValues(t, 100).sample]]));
    expect(values).toEqual({ w: [1, 2, 3, 4, 5, 6], wT: [1, 4, 2, 5, 3, 6], tail: [5, 6] });
    expect(index.tied.get('w')).toEqual(['wT', 'tail']);
  });

  test('a pickle naming os.system, builtins.eval or any unlisted global is refused, nothing run', async () => {
    for (const [module, name] of [
      ['posix', 'system'],
      ['os', 'system'],
      ['builtins', 'eval'],
      ['torch', 'load'],
    ]) {
      const evil = Buffer.concat([
        pickle.proto,
        pickle.global(module!, name!),
        pickle.tuple(pickle.str('echo pwned')),
        pickle.reduce,
        pickle.stop,
      ]);
      expect(() => unpickle(evil)).toThrow(new RegExp(`names the global ${module}\\.${name}, which a state_dict does not use: refused`));
      await refused(pt(evil), '.pt', new RegExp(`global ${module}\\.${name}`));
    }
    expect(() => unpickle(Buffer.from([0x80, 0x02, 0x93]))).toThrow(/STACK_GLOBAL/);
    expect(() => unpickle(Buffer.from([0x80, 0x02, 0x69]))).toThrow(/opcode 0x69/);
    expect(() => unpickle(Buffer.from([0x80, 0x02, 0x58, 0xff, 0xff, 0, 0]))).toThrow(/ends inside an opcode/);
  });

  test('a tensor past its storage, a storage past the file, a truncated zip, a zip bomb: refused', async () => {
    const past = stateDictPickle([{ name: 'w', key: '0', numel: 6, offset: 4, size: [3], stride: [1] }]);
    await refused(pt(past), '.pt', /its elements reach storage element 6, past the storage's 6/);
    const big = stateDictPickle([{ name: 'w', key: '0', numel: 60, offset: 0, size: [60], stride: [1] }]);
    await refused(pt(big), '.pt', /storage 0 holds 24 bytes, its 60 elements need 240/);
    const whole = pt(stateDictPickle([{ name: 'w', key: '0', numel: 6, offset: 0, size: [6], stride: [1] }]));
    await refused(whole.subarray(0, whole.length - 30), '.pt', /not a readable zip|broken zip/);
    const bomb = zipBytes([{ name: 'archive/data.pkl', data: Buffer.alloc(80 * 2 ** 20), deflate: true }]);
    await refused(bomb, '.pt', /unpacks to 83886080 bytes, over the 67108864 this reader allows \(a zip bomb\?\)/);
    await refused(Buffer.from([0x80, 0x02, 0x7d, 0x2e]), '.pt', /a bare pickle, not torch.save's zip format/);
  });
});

describe('npy and npz', () => {
  const npy = (descr: string, shape: string, data: Buffer) => {
    let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape}), }`;
    header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
    const head = Buffer.alloc(10);
    Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0]).copy(head);
    head.writeUInt16LE(header.length, 8);
    return Buffer.concat([head, Buffer.from(header, 'latin1'), data]);
  };
  test('a .npy and a .npz (stored and deflated) read back; a short array is refused', async () => {
    const a = npy('<f4', '2, 2', Buffer.from(f32([1, 2, 3, 4]).buffer));
    const one = await indexModel(file(a, '.npy'));
    expect([...tensorValues(one.tensors[0]!, 10).sample]).toEqual([1, 2, 3, 4]);
    const z = await indexModel(
      file(
        zipBytes([
          { name: 'w.npy', data: a },
          { name: 'v.npy', data: a, deflate: true },
        ]),
        '.npz',
      ),
    );
    expect(z.tensors.map((t) => [t.name, [...tensorValues(t, 10).sample]])).toEqual([
      ['w', [1, 2, 3, 4]],
      ['v', [1, 2, 3, 4]],
    ]);
    await refused(npy('<f4', '3, 2', Buffer.from(f32([1, 2]).buffer)), '.npy', /needs 24 bytes of <f4, the array holds 8/);
  });
});

describe('orthogonal(gain)', () => {
  test('a Haar orthogonal weight passes; a Gaussian of the same std is not orthogonal', async () => {
    const { haarWeights } = await import('../../src/init/haarOrthogonal.ts');
    const { normalValues } = await import('../../src/rng/draw.ts');
    const { auditModel, readRulesFile } = await import('../../src/audit/modelAudit.ts');
    const q = haarWeights(64, 128, { gain: 2, seed: 5 });
    const g = normalValues(64 * 128, 0, 2 / Math.sqrt(128), 6);
    const model = file(
      safetensorsBytes({
        'q.weight': { dtype: 'F32', shape: [64, 128], data: new Uint8Array(q.buffer) },
        'g.weight': { dtype: 'F32', shape: [64, 128], data: new Uint8Array(g.buffer) },
      }),
      '.safetensors',
    );
    const rules = file(Buffer.from(JSON.stringify({ rules: [['*.weight', 'orthogonal(2)']] })), '.json');
    const report = await auditModel(model, readRulesFile(rules));
    const verdicts = Object.fromEntries(report.tensors.map((t) => [t.name, [t.verdict, t.reasons.join('; ')]]));
    expect(verdicts['q.weight']).toEqual(['pass', '']);
    expect(verdicts['g.weight']![0]).toBe('fail');
    expect(verdicts['g.weight']![1]).toMatch(/not orthogonal: max \|WWᵀ − gain²I\| = 0\.\d+·gain², over 0\.001/);
  });
});
