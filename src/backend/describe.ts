/** What ran: the facts a reader needs to interpret a claim's numbers. */
import * as tf from '@tensorflow/tfjs-core';
import { probeUnderflow, type UnderflowProbe } from './underflowProbe.ts';
import { backendChoice } from './select.ts';

export interface BackendDescription {
  name: string;
  tfjsVersion: string;
  simd: boolean | undefined;
  threads: boolean | undefined;
  /** The TensorFlow library under tfjs-node ('tensorflow' backend only). */
  tensorflowVersion: string | undefined;
  underflow: UnderflowProbe;
  /** Why this backend (useBackend's rule that picked it), when useBackend chose it. */
  why: string | undefined;
}

function wasmFlag(name: string): boolean | undefined {
  return tf.getBackend() === 'wasm' ? tf.env().getBool(name) : undefined;
}

function tensorflowVersion(): string | undefined {
  if (tf.getBackend() !== 'tensorflow') return undefined;
  const backend = tf.backend() as unknown as { binding?: { TF_Version?: string } };
  return backend.binding?.TF_Version;
}

let cached: BackendDescription | undefined;

/** Describes the active backend (probing it once per process). */
export function describeBackend(): BackendDescription {
  if (cached?.name === tf.getBackend()) return cached;
  const choice = backendChoice();
  cached = {
    name: tf.getBackend(),
    tfjsVersion: tf.version_core,
    simd: wasmFlag('WASM_HAS_SIMD_SUPPORT'),
    threads: wasmFlag('WASM_HAS_MULTITHREAD_SUPPORT'),
    tensorflowVersion: tensorflowVersion(),
    underflow: probeUnderflow(),
    why: choice?.name === tf.getBackend() ? choice.why : undefined,
  };
  return cached;
}

/** One line for logs and report headers. */
export function formatBackend(d: BackendDescription): string {
  const flag = (label: string, v: boolean | undefined) => (v === undefined ? '' : `, ${label} ${v ? 'on' : 'off'}`);
  const floor = Math.log2(d.underflow.smallestPositiveOutput);
  const denormals = d.underflow.flushesDenormalOutputs ? 'flushes denormals (floor 2^-126)' : `keeps denormals down to 2^${floor}`;
  const native = d.tensorflowVersion === undefined ? '' : `, TensorFlow ${d.tensorflowVersion}`;
  const why = d.why === undefined ? '' : ` — ${d.why}`;
  return `${d.name} (tfjs ${d.tfjsVersion}${native}${flag('SIMD', d.simd)}${flag('threads', d.threads)}; matmul ${denormals})${why}`;
}
