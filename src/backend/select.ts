/**
 * Chooses the TensorFlow.js backend once per process (one vitest worker, the CLI, the bench).
 *
 * `INITSPEC_BACKEND` when set, else 'wasm': the default does not depend on what happens to be
 * installed, so the same seed gives the same numbers on every machine. 'tensorflow' (tfjs-node,
 * `npm run setup:native`) and the ~40× slower 'cpu' run only when asked for by name: tfjs would
 * otherwise fall back to cpu without a word when wasm fails to start.
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
  // TensorFlow's C++ logs a banner and CPU-feature notes on load; keep its warnings and errors
  if (name === 'tensorflow') process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
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

let chosen: Promise<BackendName> | undefined;

/** Activates the backend for this process (memoised) and returns its name. */
export function useBackend(env: NodeJS.ProcessEnv = process.env): Promise<BackendName> {
  chosen ??= activateBackend(env);
  return chosen;
}

/** Unmemoised: activates the backend the environment asks for, or throws. */
export async function activateBackend(env: NodeJS.ProcessEnv): Promise<BackendName> {
  const requested = requestedBackend(env);
  if (requested !== undefined) {
    const failure = await tryActivate(requested);
    if (failure === undefined) return requested;
    const hint = requested === 'tensorflow' ? ' Run `npm run setup:native` (again after an npm install, which removes tfjs-node).' : '';
    throw new BackendUnavailableError(
      `INITSPEC_BACKEND=${requested} is unavailable: ${failure}. ` +
        `Installed backends: ${installedBackends().join(', ') || 'none'}.${hint}`,
    );
  }
  const wasmFailure = await tryActivate('wasm');
  if (wasmFailure === undefined) return 'wasm';
  throw new BackendUnavailableError(
    `The default backend wasm is unavailable: ${wasmFailure}. ` +
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
