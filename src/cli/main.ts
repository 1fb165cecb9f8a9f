/**
 * The explorer CLI: the notebook's experiments outside the test runner, with the same seeds,
 * code and statistics as the claims. Exit codes: 0 done, 2 bad usage, 1 anything else.
 */
import { writeFileSync } from 'node:fs';
import { describeBackend, formatBackend } from '../backend/describe.ts';
import { useBackend } from '../backend/select.ts';
import { chainTrial, CHAIN_CHECKPOINTS, type ChainObservation } from '../chain/chainTrial.ts';
import { deepChain } from '../chain/deepChain.ts';
import { matVecTrial } from '../experiments/matVec.ts';
import { initByName } from '../init/schemes.ts';
import { masterSeed, seedFor } from '../rng/seed.ts';
import { meanCI, medianCI, minimumSamplesForMedianCI } from '../stats/intervals.ts';
import { circularLawEnd, schemeStd, secondMomentFactor } from '../theory/index.ts';
import { auditMain } from './audit.ts';
import { modelAuditMain } from './modelAuditCli.ts';
import { HELP, parseCommand, UsageError, type ChainOptions } from './args.ts';
import { chainPlotSvg } from '../report/plots.ts';
import { progressBar } from './progress.ts';
import { median } from '../stats/median.ts';
import { alignColumns, fmt } from '../text/format.ts';

function theoryStd(options: ChainOptions): number | undefined {
  try {
    return schemeStd(options.init, options.dim);
  } catch {
    return undefined;
  }
}

async function runTrials<T>(options: ChainOptions, stream: string, label: string, trial: (seed: number) => T): Promise<T[]> {
  const master = options.seed ?? masterSeed();
  const bar = progressBar(options.trials, label);
  const results: T[] = [];
  for (let t = 0; t < options.trials; t++) {
    results.push(trial(seedFor(stream, t, master)));
    bar.tick(t + 1);
    await new Promise((resolve) => setImmediate(resolve)); // let the bar draw
  }
  bar.end();
  return results;
}

function medianText(values: number[]): string {
  if (values.length === 0) return 'not reached: every chain ended before';
  if (values.length < minimumSamplesForMedianCI(0.95)) return `${fmt(median(values))} (too few trials for a 95% interval)`;
  const ci = medianCI(values, { confidence: 0.95 });
  return `${fmt(ci.estimate)}, ${fmt(100 * ci.achievedConfidence)}% interval [${fmt(ci.lower)}, ${fmt(ci.upper)}]`;
}

async function chain(options: ChainOptions): Promise<Record<string, unknown>> {
  const init = (shape: readonly number[], seed: number) => initByName(options.init, shape, seed);
  const stream = options.stream ?? `cli/chain/${options.fresh ? 'fresh' : 'reused'}/${options.init}/${options.act}/${options.dim}`;
  if (options.fresh) {
    const checkpoints = [10, 50, 100, 500].filter((k) => k <= options.steps);
    if (checkpoints.length === 0) checkpoints.push(options.steps);
    const rows = await runTrials(
      options,
      stream,
      'fresh net',
      (seed) => deepChain({ init, dim: options.dim, activation: options.act, checkpoints, reuse: false, seed }).log10StdAt,
    );
    const summary = Object.fromEntries(
      checkpoints.map((k, i) => [`log10 std after ${k} layers`, medianText(rows.map((r) => r[i] as number))]),
    );
    return { stream, ...summary };
  }
  const rows: ChainObservation[] = await runTrials(options, stream, 'chain', (seed) =>
    chainTrial({ init, dim: options.dim, activation: options.act, maxSteps: options.steps, seed, end: 'allZero' }),
  );
  const count = (key: 'vanished' | 'nonFinite' | 'survived') => rows.filter((r) => r[key] === 1).length;
  const differences = rows.map((r) => r.steps - r.predictedSteps).filter(Number.isFinite);
  const std = theoryStd(options);
  const closedForm =
    std === undefined
      ? undefined
      : circularLawEnd({
          std,
          n: options.dim,
          activation: options.act,
          window: describeBackend().underflow.smallestPositiveOutput,
          maxSteps: options.steps,
        });
  if (options.svg) {
    writeFileSync(
      options.svg,
      await chainPlotSvg({ title: `${options.init}, ${options.act}, dim ${options.dim}`, traces: rows.map((r) => r.log10MaxAbs) }),
    );
  }
  return {
    stream,
    outcomes: `vanished ${count('vanished')}, non-finite ${count('nonFinite')}, survived ${count('survived')} of ${rows.length}`,
    'steps (median)': medianText(rows.map((r) => r.steps)),
    'measured − predicted steps':
      differences.length >= 2
        ? (() => {
            const ci = meanCI(differences, { confidence: 0.95 });
            return `${fmt(ci.estimate)}, 95% CI [${fmt(ci.lower)}, ${fmt(ci.upper)}] over ${differences.length} trials`;
          })()
        : 'n/a',
    'circular-law count': closedForm ? `${closedForm.outcome} at ${fmt(closedForm.steps)}` : 'no closed form for this scheme',
    ...Object.fromEntries(
      CHAIN_CHECKPOINTS.filter((k) => k <= options.steps).map((k, i) => [
        `log10 std after ${k} steps`,
        medianText(rows.map((r) => r.log10StdAt[i] as number).filter((v) => !Number.isNaN(v))),
      ]),
    ),
    ...(options.svg ? { plot: options.svg } : {}),
  };
}

async function moments(options: ChainOptions): Promise<Record<string, unknown>> {
  const init = (shape: readonly number[], seed: number) => initByName(options.init, shape, seed);
  const stream = options.stream ?? `cli/moments/${options.init}/${options.act}/${options.dim}`;
  const rows = await runTrials(options, stream, 'moments', (seed) =>
    matVecTrial({ dim: options.dim, init, relu: options.act === 'relu', seed }),
  );
  const describe = (values: number[]) => {
    const ci = meanCI(values, { confidence: 0.95 });
    return `${fmt(ci.estimate)}, 95% CI [${fmt(ci.lower)}, ${fmt(ci.upper)}]`;
  };
  const std = theoryStd(options);
  return {
    stream,
    'E[y]': describe(rows.map((r) => r.mean)),
    'E[y²]': describe(rows.map((r) => r.secondMoment)),
    'theory E[y²]':
      std === undefined ? 'no closed form for this scheme' : fmt(secondMomentFactor({ std, n: options.dim, activation: options.act })),
  };
}

export async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'audit' && argv.includes('--model')) {
      // a model file is untrusted input: every way it can be unreadable is one line and exit 2
      try {
        if (argv.some((a) => a.endsWith('.json') || !a.includes('.'))) await useBackend(); // a tfjs model decodes through tfjs
        const { text, code } = await modelAuditMain(argv.slice(1));
        (code === 2 ? process.stderr : process.stdout).write(text);
        return code;
      } catch (error) {
        process.stderr.write(`initspec audit: ${(error as Error).message.split('\n')[0]}\n`);
        return 2;
      }
    }
    if (argv[0] === 'audit') {
      if (!argv.includes('--help') && !argv.includes('-h')) await useBackend();
      process.stdout.write(await auditMain(argv.slice(1)));
      return 0;
    }
    const { command, help, options } = parseCommand(argv);
    if (help) {
      process.stdout.write(HELP);
      return command === '' && argv.length === 0 ? 2 : 0;
    }
    if (options.backend) process.env.INITSPEC_BACKEND = options.backend;
    await useBackend();
    const header = {
      command,
      backend: formatBackend(describeBackend()),
      'master seed': options.seed ?? masterSeed(),
      trials: options.trials,
    };
    const result = { ...header, ...(command === 'chain' ? await chain(options) : await moments(options)) };
    process.stdout.write(
      options.json ? `${JSON.stringify(result, null, 2)}\n` : `${alignColumns(Object.entries(result).map(([k, v]) => [k, String(v)]))}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`initspec: ${(error as Error).message}\n`);
    if (error instanceof UsageError) process.stderr.write('Run "npx initspec --help" for the flags and their choices.\n');
    return error instanceof UsageError || (error as Error).name === 'RangeError' || (error as Error).name === 'BackendUnavailableError'
      ? 2
      : 1;
  }
}
