/** A whole vitest run with a bad INITSPEC_BACKEND: it stops at once and says why (spawns vitest, seconds). */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

describe('backend selection, in a real run', () => {
  test('a run with INITSPEC_BACKEND=nonsense stops at once with the valid choices', () => {
    let output = '';
    try {
      execFileSync('npx', ['vitest', 'run', 'spec/default-conv.spec.ts', '--reporter=dot'], {
        env: { ...process.env, INITSPEC_BACKEND: 'nonsense' },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      const { stdout, stderr, status } = error as { stdout: string; stderr: string; status: number };
      expect(status).not.toBe(0);
      output = stdout + stderr;
    }
    expect(output).toMatch(/INITSPEC_BACKEND="nonsense" is not a backend: choose one of tensorflow, wasm, cpu/);
  }, 60_000);
});
