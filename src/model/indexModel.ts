/**
 * A model path to its index, by what it is: a folder (safetensors shards with their index, or
 * *.safetensors; a tfjs model.json), a .safetensors, a torch.save zip (.pt, .pth, .bin), a .npy, a
 * .npz, or a tfjs model.json. Anything else is an error naming what was found.
 */
import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { indexNpy, indexNpz } from './npyFiles.ts';
import { indexPytorch } from './pytorch.ts';
import { indexSafetensors } from './safetensors.ts';
import { indexTfjs } from './tfjsModel.ts';
import { ModelReadError, type ModelIndex } from './types.ts';

function startsWith(file: string, magic: number[]): boolean {
  const head = Buffer.alloc(magic.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, magic.length, 0);
  } finally {
    closeSync(fd);
  }
  return magic.every((b, i) => head[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export async function indexModel(target: string): Promise<ModelIndex> {
  if (!existsSync(target)) throw new ModelReadError(`${target}: no such file or folder`);
  if (statSync(target).isDirectory()) {
    const files = readdirSync(target);
    if (files.includes('model.json')) return indexTfjs(path.join(target, 'model.json'));
    if (files.some((f) => f.endsWith('.safetensors'))) return indexSafetensors(target, target);
    const torch = files.find((f) => /\.(pt|pth|bin)$/.test(f));
    if (torch) return indexPytorch(path.join(target, torch));
    throw new ModelReadError(`${target}: a folder with no model.json, *.safetensors or .pt/.pth/.bin file`);
  }
  const ext = path.extname(target).toLowerCase();
  if (ext === '.safetensors') return indexSafetensors(target);
  if (ext === '.npy') return indexNpy(target);
  if (ext === '.npz') return indexNpz(target);
  if (ext === '.json') return indexTfjs(target);
  if (startsWith(target, ZIP)) return indexPytorch(target);
  if (startsWith(target, [0x80]))
    throw new ModelReadError(`${path.basename(target)}: a bare pickle, not torch.save's zip format: not read (a pickle is code)`);
  throw new ModelReadError(
    `${path.basename(target)}: not a model file initspec reads (.safetensors, a torch.save zip, .npy, .npz, tfjs model.json)`,
  );
}
