/**
 * Chooses the TensorFlow.js backend once per process (one vitest worker, the CLI, the bench).
 *
 * `INITSPEC_BACKEND` when set; else 'tensorflow' where tfjs-node loads (`npm install` sets it up
 * in a clone, src/native/prepareNative.ts), else 'wasm', and the choice carries why. Draws are
 * made on the host, so a seed gives bit-identical weights on every backend; what differs is the
 * backend's float32 arithmetic (it flushes denormals or not), which every record states. The
 * ~40× slower 'cpu' runs only when asked for by name: tfjs would otherwise fall back to cpu
 * without a word when wasm fails to start.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

const PACKAGES: Record<BackendName, string> = {
  tensorflow: '@tensorflow/tfjs-node', // not a dependency: `npm run setup:native` installs it
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

/** Parses `INITSPEC_BACKEND`; undefined when unset or empty. */
export function requestedBackend(env: NodeJS.ProcessEnv = process.env): BackendName | undefined {
  const raw = env.INITSPEC_BACKEND?.trim();
  if (raw === undefined || raw === '') return undefined;
  if ((BACKEND_NAMES as readonly string[]).includes(raw)) return raw as BackendName;
  throw new BackendUnavailableError(
    `INITSPEC_BACKEND="${raw}" is not a backend: choose one of ${BACKEND_NAMES.join(', ')} ` + `(or leave it unset for wasm).`,
  );
}

/** Loads a backend's package and activates it; the reason it failed, or undefined on success. */
async function tryActivate(name: BackendName): Promise<string | undefined> {
  if (name === 'tensorflow') {
    // TensorFlow's C++ logs a banner and CPU-feature notes on load; keep its warnings and errors
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    // TensorFlow 2.21 announces its oneDNN custom ops on every load, through absl before any log
    // level applies; without them its matmul is Eigen's, as fast here (npm run bench) and as flushing
    process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
  }
  try {
    await import(/* @vite-ignore */ PACKAGES[name]);
  } catch (error) {
    return `its package does not load (${firstLine(error)})`;
  }
  let activated = false;
  try {
    activated = await tf.setBackend(name);
    await tf.ready();
  } catch (error) {
    return `it failed to initialise (${firstLine(error)})`;
  }
  if (!activated || tf.getBackend() !== name) {
    return `it failed to initialise (tfjs is on '${tf.getBackend()}' instead)`;
  }
  return undefined;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';
}

/** The backend a process runs on, and why it is that one (for the header line and every record). */
export interface BackendChoice {
  name: BackendName;
  why: string;
}

let chosen: Promise<BackendChoice> | undefined;
let settled: BackendChoice | undefined;

/** Activates the backend for this process (memoised) and returns its name. */
export async function useBackend(env: NodeJS.ProcessEnv = process.env): Promise<BackendName> {
  chosen ??= chooseBackend(env).then((choice) => (settled = choice));
  return (await chosen).name;
}

/** Why this process runs on its backend, once useBackend has chosen (undefined before). */
export function backendChoice(): BackendChoice | undefined {
  return settled;
}

/** Unmemoised: activates the backend the environment asks for, or throws. */
export async function activateBackend(env: NodeJS.ProcessEnv): Promise<BackendName> {
  return (await chooseBackend(env)).name;
}

/** Unmemoised: activates a backend by the rules above and says why it is that one, or throws. */
export async function chooseBackend(env: NodeJS.ProcessEnv): Promise<BackendChoice> {
  const requested = requestedBackend(env);
  if (requested !== undefined) {
    const failure = await tryActivate(requested);
    if (failure === undefined) return { name: requested, why: `INITSPEC_BACKEND=${requested}` };
    const hint = requested === 'tensorflow' ? ' Run `npm run setup:native` (again after an npm install, which removes tfjs-node).' : '';
    throw new BackendUnavailableError(
      `INITSPEC_BACKEND=${requested} is unavailable: ${failure}. ` +
        `Installed backends: ${installedBackends().join(', ') || 'none'}.${hint}`,
    );
  }
  let nativeMissing: string;
  if (installedBackends().includes('tensorflow')) {
    const failure = await tryActivate('tensorflow');
    if (failure === undefined)
      return { name: 'tensorflow', why: 'tfjs-node is set up (by npm install, or npm run setup:native); INITSPEC_BACKEND=wasm runs wasm' };
    nativeMissing = `tfjs-node is installed but ${failure}`;
  } else {
    nativeMissing = 'tfjs-node is not set up (npm install sets it up in a clone where it can; see its output, or npm run setup:native)';
  }
  const wasmFailure = await tryActivate('wasm');
  if (wasmFailure === undefined) return { name: 'wasm', why: nativeMissing };
  throw new BackendUnavailableError(
    `Neither default backend is available: ${nativeMissing}, and wasm ${wasmFailure}. ` +
      `initspec does not fall back to the ~40x slower cpu backend silently: ` +
      `set INITSPEC_BACKEND=cpu to run on it anyway, or INITSPEC_BACKEND=tensorflow after npm run setup:native.`,
  );
}

/** Backends whose package resolves here (not necessarily able to initialise). */
export function installedBackends(): BackendName[] {
  const require = createRequire(import.meta.url);
  const found: BackendName[] = [];
  for (const name of BACKEND_NAMES) {
    try {
      require.resolve(PACKAGES[name]);
      found.push(name);
    } catch {
      // not installed
    }
  }
  return found;
}
