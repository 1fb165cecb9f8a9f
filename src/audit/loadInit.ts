/**
 * An initializer from a module, as a WeightInit: a function `(shape, seed) => tf.Tensor` that a
 * module exports, or a tfjs-layers initializer by name (`initializers.heNormal({ seed })`, whose
 * `.apply(shape)` draws). Modules resolve from the working directory, like the user's own code.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as tf from '@tensorflow/tfjs-core';
import type { WeightInit } from '../init/types.ts';

export type InitKind = 'function' | 'tfjs-layers';

interface TfjsInitializer {
  apply(shape: number[], dtype?: 'float32'): tf.Tensor;
}

export async function loadInitializer(
  moduleSpec: string,
  exportName: string,
  kind?: InitKind,
  cwd = process.cwd(),
): Promise<{ init: WeightInit; kind: InitKind }> {
  const isPath = moduleSpec.startsWith('.') || moduleSpec.startsWith('/');
  let url: string;
  try {
    url = isPath
      ? pathToFileURL(path.resolve(cwd, moduleSpec)).href
      : pathToFileURL(createRequire(path.join(cwd, 'package.json')).resolve(moduleSpec)).href;
  } catch (error) {
    throw new Error(`--module ${moduleSpec}: cannot resolve it from ${cwd} (${(error as Error).message.split('\n')[0]})`);
  }
  const mod = (await import(url)) as Record<string, unknown> & {
    initializers?: Record<string, unknown>;
    default?: Record<string, unknown>;
  };
  const found = mod[exportName] ?? mod.initializers?.[exportName] ?? mod.default?.[exportName];
  if (typeof found !== 'function') {
    const names = Object.keys(mod.initializers ?? mod).filter((k) => typeof (mod.initializers ?? mod)[k] === 'function');
    throw new Error(`--export ${exportName}: ${moduleSpec} has no function of that name; it exports ${names.slice(0, 20).join(', ')}`);
  }
  const resolvedKind: InitKind = kind ?? (mod.initializers?.[exportName] === found ? 'tfjs-layers' : 'function');
  if (resolvedKind === 'tfjs-layers') {
    const factory = found as (args: { seed: number }) => TfjsInitializer;
    return { kind: resolvedKind, init: (shape, seed) => factory({ seed }).apply([...shape], 'float32') };
  }
  return { kind: resolvedKind, init: found as WeightInit };
}
