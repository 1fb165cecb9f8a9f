/**
 * `npx initspec claim ID [--seed N] [--tier fast|full|tails] [--backend NAME]` (or `npm run claim -- ID`):
 * one claim with its negative and power controls, and its verdict, in the clone's spec. The file
 * is found from the spec files' text (claimFile.ts), and vitest runs that file alone with only
 * this runner's verdict lines: no HTML, JUnit, JSON or claims-page reporter, so nothing in
 * reports/ is overwritten by a one-claim run. Exit codes: 0 held, 1 failed, 2 bad usage.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Reporter, TestModule } from 'vitest/node';
import { checkMark, NOT_APPLICABLE, rerunCommand } from '../claim/format.ts';
import type { ClaimResult } from '../claim/types.ts';
import { tier } from '../claim/tier.ts';
import { parseSeed } from '../rng/seed.ts';
import { findClaimFiles, specFiles } from './claimFile.ts';

/** src/backend/select.ts's names, without loading tfjs to read them. */
const BACKENDS = ['tensorflow', 'wasm', 'cpu'];

export const CLAIM_HELP = `npx initspec claim ID [--seed N] [--tier fast|full|tails] [--backend tensorflow|wasm|cpu]

Runs one claim of the spec (e.g. C4, T-orthogonal-relu), with its negative and power controls,
and prints its verdict and numbers. Run it in initspec's folder (a clone). --seed, --tier and
--backend set INITSPEC_SEED, INITSPEC_TIER and INITSPEC_BACKEND for the run. \`--list\` prints
the claim ids with their files.
`;

class ClaimUsageError extends Error {
  override name = 'UsageError';
}

/**
 * The verdict lines: each test with its record's verdict and trials; the claim's own checks
 * (and a failed control's) with their numbers; the rerun command once.
 */
function verdictReporter(lines: string[], notRun: string[]): Reporter {
  return {
    onTestModuleEnd(module: TestModule) {
      let rerun: string | undefined;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'skipped' || state === 'pending') {
          if (test.name.startsWith(NOT_APPLICABLE)) notRun.push(test.name);
          continue;
        }
        const record = test.meta().claim as ClaimResult | undefined;
        const mark = state === 'passed' ? '✓' : '✗';
        const summary =
          record === undefined
            ? ''
            : record.role === 'claim'
              ? ` (${record.trials} trials, α ${record.alpha})`
              : ` (${record.verdict} in ${record.trials} trials)`;
        lines.push(`${mark} ${test.name}${summary}`);
        if (record === undefined) continue;
        if (record.role === 'claim' || state !== 'passed')
          for (const check of record.checks) lines.push(`    ${checkMark(check, record.role)} ${check.detail}`);
        if (record.role === 'claim') rerun = rerunCommand(record, module.relativeModuleId);
      }
      if (rerun) lines.push(`rerun: ${rerun}`);
    },
  };
}

export async function claimMain(argv: string[], root = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        tier: { type: 'string' },
        backend: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new ClaimUsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(CLAIM_HELP);
    return 0;
  }
  if (!existsSync(path.join(root, 'vitest.config.ts')) || !existsSync(path.join(root, 'spec')))
    throw new ClaimUsageError(
      `initspec claim runs the spec of a clone: ${root} has no vitest.config.ts and spec/; run it in initspec's folder`,
    );
  if (values.list) {
    const { ALPHA_LEDGER } = await import('../claim/budget.ts');
    for (const id of Object.keys(ALPHA_LEDGER).filter((i) => !i.includes('/')))
      process.stdout.write(
        `${id}\t${
          findClaimFiles(id, root)
            .map((f) => f.file)
            .join(', ') || '(no spec file names it)'
        }\n`,
      );
    return 0;
  }
  const id = positionals[0];
  if (id === undefined || positionals.length > 1)
    throw new ClaimUsageError(`name one claim id, e.g. \`npx initspec claim C4\` (got ${positionals.length}); --list shows them`);
  const found = findClaimFiles(id, root);
  if (found.length === 0)
    throw new ClaimUsageError(
      `no spec file names the claim "${id}" (searched ${specFiles(root).length} files in spec/); --list shows the ids`,
    );
  // bad settings are named here, before vitest starts
  if (values.seed !== undefined) process.env.INITSPEC_SEED = String(parseSeed(values.seed, '--seed'));
  if (values.tier !== undefined) process.env.INITSPEC_TIER = tier({ INITSPEC_TIER: values.tier });
  if (values.backend !== undefined) {
    if (!BACKENDS.includes(values.backend))
      throw new ClaimUsageError(`--backend "${values.backend}" is not a backend: choose one of ${BACKENDS.join(', ')}`);
    process.env.INITSPEC_BACKEND = values.backend;
  }

  const files = found.map((f) => f.file);
  process.stdout.write(`initspec claim ${id}: ${files.join(', ')}\n`);
  const lines: string[] = [];
  const notRun: string[] = [];
  const { startVitest } = await import('vitest/node');
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const vitest = await startVitest(
    'test',
    files,
    {
      run: true,
      watch: false,
      root,
      testNamePattern: `^${escaped} · `,
      // one file runs in one worker; the verdict lines instead of the suite's five reporters
      reporters: [verdictReporter(lines, notRun)],
      passWithNoTests: false,
    },
    {},
  );
  await vitest.close();
  process.stdout.write(`${lines.join('\n')}\n`);
  const failed = vitest.state.getCountOfFailedTests();
  if (lines.length === 0) {
    // a claim that does not run on this backend is skipped with the reason in its name
    const why = notRun[0] === undefined ? `no test named "${id} · …" ran in ${files.join(', ')}` : `did not run: ${notRun[0]}`;
    process.stdout.write(`initspec claim ${id}: ${why}\n`);
    return 1;
  }
  const ran = lines.filter((l) => /^[✓✗] /.test(l)).length;
  process.stdout.write(`initspec: ${ran - failed} passed, ${failed} failed\n`);
  return failed === 0 && process.exitCode !== 1 ? 0 : 1;
}
