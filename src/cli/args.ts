/** Flag parsing and validation for the explorer CLI: every bad value names the flag and the choices. */
import { parseArgs } from 'node:util';
import { BACKEND_NAMES } from '../backend/select.ts';
import { ACTIVATIONS, type Activation } from '../chain/runChain.ts';
import { SCHEME_NAMES, type SchemeName } from '../init/schemes.ts';
import { parseSeed } from '../rng/seed.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CommonOptions {
  init: SchemeName;
  act: Activation;
  dim: number;
  trials: number;
  seed: number | undefined;
  backend: string | undefined;
  stream: string | undefined;
  json: boolean;
}

export interface ChainOptions extends CommonOptions {
  steps: number;
  fresh: boolean;
  svg: string | undefined;
}

const FLAGS = {
  init: { type: 'string' },
  act: { type: 'string', default: 'linear' },
  dim: { type: 'string', default: '512' },
  steps: { type: 'string', default: '500' },
  trials: { type: 'string', default: '20' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  stream: { type: 'string' },
  fresh: { type: 'boolean', default: false },
  svg: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, text: string | undefined, choices: readonly T[]): T {
  if (text === undefined) throw new UsageError(`--${flag} is required; choose one of: ${choices.join(', ')}`);
  if (!(choices as readonly string[]).includes(text))
    throw new UsageError(`--${flag} "${text}" is not known; choose one of: ${choices.join(', ')}`);
  return text as T;
}

export function parseCommand(argv: string[]): { command: string; help: boolean; options: ChainOptions } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? '';
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (values.help || command === 'help' || command === '') return { command, help: true, options: undefined as never };
  if (command !== 'chain' && command !== 'moments')
    throw new UsageError(`unknown command "${command}"; choose one of: chain, moments, audit, claim`);
  const options: ChainOptions = {
    init: oneOf('init', values.init, SCHEME_NAMES),
    act: oneOf('act', values.act, ACTIVATIONS),
    dim: integer('dim', values.dim, 1, 4096),
    steps: integer('steps', values.steps, 1, 100_000),
    trials: integer('trials', values.trials, 2, 100_000),
    seed: values.seed === undefined ? undefined : parseSeed(values.seed, '--seed'),
    backend: values.backend === undefined ? undefined : oneOf('backend', values.backend, BACKEND_NAMES),
    stream: values.stream,
    fresh: values.fresh,
    svg: values.svg,
    json: values.json,
  };
  if (command === 'moments' && (values.fresh || values.svg !== undefined)) throw new UsageError('--fresh and --svg apply to "chain" only');
  return { command, help: false, options };
}

export const HELP = `initspec — run the notebook's experiments outside the test runner

Usage:
  npx initspec chain   --init NAME [--act linear|relu] [--dim N] [--steps N] [--trials N]
                       [--fresh] [--seed N] [--stream ID] [--backend NAME] [--svg FILE] [--json]
  npx initspec moments --init NAME [--act linear|relu] [--dim N] [--trials N]
                       [--seed N] [--stream ID] [--backend NAME] [--json]

  npx initspec audit   --module MODULE --export NAME | --weights FILE.npy --shape-role ROLES
                       (npx initspec audit --help for its flags)
  npx initspec claim   ID [--seed N] [--tier fast|full|tails] [--backend NAME] | --list
                       one claim of the spec with its controls, in a clone (npx initspec claim --help)

Commands:
  chain     multiply a dim×dim matrix by itself (result = act(M @ result)) until it vanishes,
            turns non-finite, or --steps pass (In [147]–[158]); with --fresh, a deep net with a
            fresh matrix per layer on x = randn(dim, dim), reporting log10 std after 10/50/100/500 layers
  moments   y = act(W @ randn(dim)): mean(y) and mean(y²) over trials (In [159]–[161])

Flags:
  --init NAME      initialization scheme: ${SCHEME_NAMES.join(', ')}
  --act NAME       linear (default) or relu
  --dim N          matrix size, 1–4096 (default 512, the notebook's)
  --steps N        chain length, 1–100000 (default 500, the notebook's)
  --trials N       seeded trials, 2–100000 (default 20)
  --fresh          chain: a fresh matrix per layer instead of one reused matrix
  --seed N         master seed, 0–4294967295 (default INITSPEC_SEED, else 2019)
  --stream ID      seed stream: trial t uses seedFor(ID, t); give a claim id (e.g. C4) to
                   reproduce that claim's trials (default: a stream named after the flags)
  --backend NAME   tensorflow, wasm or cpu (default INITSPEC_BACKEND, else tensorflow if
                   installed, else wasm)
  --svg FILE       chain: also write an SVG plot of log10 max|x| against step
  --json           print the result as JSON instead of a table
  -h, --help       this text
`;
