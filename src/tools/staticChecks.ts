/**
 * `npm run check:static` (the first step of `npm test`): the type check, the format check and
 * the import floors (src/tools/checkImports.ts),
 * side by side, since each keeps one core busy (alone, one after the other: 5.8 s + 5.0 s).
 * Each one's output is held and printed whole when it ends, so two failures do not interleave.
 * Both keep what they learnt in node_modules/.cache (tsc's build info, prettier's content hashes),
 * so a rerun checks only what changed: 3.6 s + 1.5 s instead of 6.5 s + 5.2 s on a 2-core machine;
 * a fresh clone pays the full time once.
 */
import { spawn } from 'node:child_process';

const CHECKS: Array<{ name: string; command: string; args: string[] }> = [
  {
    name: 'typecheck',
    command: 'tsc',
    args: ['--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/initspec/tsc.tsbuildinfo'],
  },
  { name: 'format', command: 'prettier', args: ['--check', '--cache', '--cache-strategy', 'content', '.'] },
  // imports between src/'s folders run downward (docs/layout.md)
  { name: 'imports', command: 'tsx', args: ['src/tools/checkImports.ts'] },
];

function run({ name, command, args }: (typeof CHECKS)[number]): Promise<boolean> {
  return new Promise((resolve) => {
    // npm puts node_modules/.bin on PATH for its scripts; `shell` lets Windows find the .cmd shims
    const child = spawn(command, args, { shell: process.platform === 'win32' });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error) => {
      console.error(`check:static: ${name} (${command}) did not start: ${error.message}`);
      resolve(false);
    });
    child.on('close', (code) => {
      process.stdout.write(Buffer.concat(output));
      if (code !== 0) console.error(`check:static: ${name} (${[command, ...args].join(' ')}) failed with exit code ${code}`);
      resolve(code === 0);
    });
  });
}

const passed = await Promise.all(CHECKS.map(run));
process.exitCode = passed.every(Boolean) ? 0 : 1;
