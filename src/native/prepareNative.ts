/**
 * Run by `npm install` in a clone of initspec (its `prepare` script): sets up the native
 * TensorFlow backend (setupNative.ts) so that `npm test` runs on it with no third command.
 *
 * It never fails the install: where a prerequisite is missing it prints one line naming it and
 * how to add it, and the project stays on wasm. It does nothing when initspec is packed or
 * published (npm runs `prepare` then too), when it is installed as someone's dependency, or
 * when INITSPEC_NATIVE=off.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SetupStepError, setupNative } from './setupNative.ts';

/** Why the install should not set up native here, or undefined when it should. */
export function skipReason(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const switchValue = env.INITSPEC_NATIVE?.trim().toLowerCase();
  if (switchValue === 'off' || switchValue === '0' || switchValue === 'false') return 'INITSPEC_NATIVE=off';
  const command = env.npm_command;
  if (command !== 'install' && command !== 'ci') return `npm ${command ?? '(not npm)'} is not an install of this clone`;
  // a git dependency is prepared in npm's cache, not in the folder npm was started from
  const started = path.resolve(env.INIT_CWD ?? process.cwd());
  const inside = started === root || started.startsWith(`${root}${path.sep}`);
  if (!inside || !existsSync(path.join(root, '.git'))) return 'initspec is being installed as a dependency, not set up in its own clone';
  return undefined;
}

function main(): void {
  const root = process.cwd();
  const skip = skipReason(root);
  if (skip !== undefined) {
    if (process.env.npm_command === 'install' || process.env.npm_command === 'ci')
      console.log(`initspec: native backend not set up (${skip}); wasm it is`);
    return;
  }
  console.log(
    'initspec: setting up the native TensorFlow backend (INITSPEC_NATIVE=off skips it; ~274 MB download once, cached in .native-cache/)',
  );
  try {
    setupNative(root, { rebuild: false });
  } catch (error) {
    const why = error instanceof SetupStepError ? error.message.replace(/\n\s*/g, ' ') : String(error).split('\n')[0];
    console.log(`initspec: native backend not set up, so npm test runs on wasm. ${why}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
