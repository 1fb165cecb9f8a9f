/**
 * `npm run test:consumer`: initspec as a user gets it. Packs the package (npm pack runs the
 * build), checks the package's shape with publint (which packs it the same way), installs the tarball into a temporary copy
 * of examples/gate-my-init and runs that project's own vitest: its correct initializer must pass
 * and its buggy one must be caught (a `test.fails` there).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = process.cwd();
const work = mkdtempSync(path.join(os.tmpdir(), 'initspec-consumer-'));
const sh = (cmd: string, args: string[], cwd: string) => {
  console.log(`$ (${path.relative(root, cwd) || '.'}) ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, INITSPEC_BACKEND: undefined } });
};

try {
  sh('npm', ['pack', '--pack-destination', work, '--silent'], root);
  const tarball = readdirSync(work).find((f) => f.startsWith('initspec-') && f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no initspec-*.tgz into ${work}`);
  sh('npx', ['publint', '--strict'], root);
  const project = path.join(work, 'gate-my-init');
  cpSync(path.join(root, 'examples', 'gate-my-init'), project, {
    recursive: true,
    filter: (src) => !src.includes('node_modules') && !src.includes('reports'),
  });
  renameSync(path.join(work, tarball), path.join(project, 'initspec.tgz'));
  sh('npm', ['install', '--no-audit', '--no-fund'], project);
  sh('npx', ['vitest', 'run'], project);
  if (!existsSync(path.join(project, 'reports', 'claims.md')))
    throw new Error('the consumer run wrote no reports/claims.md: initspec/reporter did not run');
  console.log(
    `test:consumer: the example installed initspec from its tarball; its correct initializer passed and its buggy one was caught (${project})`,
  );
  rmSync(work, { recursive: true, force: true });
} catch (error) {
  console.error(`test:consumer failed: ${(error as Error).message.split('\n')[0]} (work folder kept: ${work})`);
  process.exit(1);
}
