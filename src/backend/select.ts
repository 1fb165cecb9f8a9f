/**
 * Chooses the TensorFlow.js backend once per process (one vitest worker, the CLI, the bench).
 *
 * Order: `INITSPEC_BACKEND` when set; otherwise tfjs-node ('tensorflow') when it loads, else
 * 'wasm'. The ~40× slower 'cpu' backend is used only when asked for by name: tfjs would
 * otherwise fall back to it without a word when wasm fails to start.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

const PACKAGES: Record<BackendName, string> = {
  tensorflow: '@tensorflow/tfjs-node', // optional dependency: absent where libtensorflow can't be fetched
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
    `INITSPEC_BACKEND="${raw}" is not a backend: choose one of ${BACKEND_NAMES.join(', ')} ` +
      `(or leave it unset for tensorflow when installed, else wasm).`,
  );
}

/** Loads a backend's package and activates it; the reason it failed, or undefined on success. */
async function tryActivate(name: BackendName): Promise<string | undefined> {
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
    throw new BackendUnavailableError(
      `INITSPEC_BACKEND=${requested} is unavailable: ${failure}. ` + `Installed backends: ${installedBackends().join(', ') || 'none'}.`,
    );
  }
  const nativeFailure = await tryActivate('tensorflow');
  if (nativeFailure === undefined) return 'tensorflow';
  const wasmFailure = await tryActivate('wasm');
  if (wasmFailure === undefined) return 'wasm';
  throw new BackendUnavailableError(
    `No fast backend: tensorflow ${nativeFailure}; wasm ${wasmFailure}. ` +
      `initspec does not fall back to the ~40x slower cpu backend silently: ` +
      `set INITSPEC_BACKEND=cpu to run on it anyway.`,
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
