/** npm install's native step (src/native/prepareNative.ts): only in a clone of initspec, only on install, and it can be turned off. */
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { skipReason } from '../../src/native/prepareNative.ts';

describe('prepareNative.skipReason', () => {
  const clone = mkdtempSync(path.join(tmpdir(), 'initspec-clone-'));
  mkdirSync(path.join(clone, '.git'));

  test('npm install or npm ci in the clone itself (or a folder inside it) sets it up', () => {
    expect(skipReason(clone, { npm_command: 'install', INIT_CWD: clone })).toBeUndefined();
    expect(skipReason(clone, { npm_command: 'ci', INIT_CWD: path.join(clone, 'spec') })).toBeUndefined();
  });

  test('INITSPEC_NATIVE=off turns it off', () => {
    expect(skipReason(clone, { npm_command: 'install', INIT_CWD: clone, INITSPEC_NATIVE: 'off' })).toBe('INITSPEC_NATIVE=off');
  });

  test('npm pack and publish run prepare too: not then', () => {
    expect(skipReason(clone, { npm_command: 'pack', INIT_CWD: clone })).toMatch(/npm pack is not an install of this clone/);
    expect(skipReason(clone, { npm_command: 'publish', INIT_CWD: clone })).toMatch(/npm publish/);
  });

  test('installed as a dependency (a git dependency is prepared away from where npm started, or has no .git)', () => {
    expect(skipReason(clone, { npm_command: 'install', INIT_CWD: path.join(tmpdir(), 'someone-else') })).toMatch(/as a dependency/);
    const noGit = mkdtempSync(path.join(tmpdir(), 'initspec-pkg-'));
    expect(skipReason(noGit, { npm_command: 'install', INIT_CWD: noGit })).toMatch(/as a dependency/);
  });
});
