/**
 * `npx initspec audit`: which scheme does an initializer draw?
 *
 *   npx initspec audit --module @tensorflow/tfjs-layers --export heNormal --layout tfjs
 *   npx initspec audit --module ./init.js --export myInit          (any (shape, seed) => tf.Tensor)
 *   npx initspec audit --weights w.npy --shape-role out,in         (one dumped weight)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from './args.ts';
import { parseSeed, masterSeed } from '../rng/seed.ts';
import { stdCI } from '../stats/intervals.ts';
import { publishedScheme, type WeightLayout } from '../theory/publishedSchemes.ts';
import { alignColumns, fmt } from '../text/format.ts';
import { hostDraw } from '../init/hostDraw.ts';
import { familyOf, fitScheme, AUDIT_CANDIDATES, type AuditReport } from '../audit/fitScheme.ts';
import { standardised } from '../stats/moments.ts';
import { loadInitializer, type InitKind } from '../audit/loadInit.ts';
import { readNpy } from '../audit/npy.ts';

export const AUDIT_HELP = `initspec audit — which initialization scheme does an initializer draw?

Usage:
  npx initspec audit --module MODULE --export NAME [--kind function|tfjs-layers] [--layout torch|tfjs]
                     [--delta 0.02] [--alpha 0.001] [--seed N] [--json]
  npx initspec audit --weights FILE.npy --shape-role ROLES [--delta 0.02] [--alpha 0.001] [--json]
  npx initspec audit --model PATH [--preset NAME | --rules FILE] [--alpha 0.001] [--json] [--markdown FILE]
                     (a whole model file or folder: npx initspec audit --model x --help)

  --module    a path (./init.js) or a package (@tensorflow/tfjs-layers), resolved from here
  --export    a function (shape, seed) => tf.Tensor, or a tfjs-layers initializer name (heNormal…)
  --layout    where the fans sit: torch [out, in, ...kernel] (default), tfjs [...kernel, in, out]
              (default tfjs for --kind tfjs-layers)
  --weights   a float32/float64 .npy weight (np.save); --shape-role names its axes, e.g.
              out,in (torch Linear), out,in,k,k (torch Conv2d), in,out (tfjs Dense), k,k,in,out
`;

const FLAGS = {
  module: { type: 'string' },
  export: { type: 'string' },
  kind: { type: 'string' },
  layout: { type: 'string' },
  weights: { type: 'string' },
  'shape-role': { type: 'string' },
  delta: { type: 'string', default: '0.02' },
  alpha: { type: 'string', default: '0.001' },
  seed: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function probability(flag: string, text: string): number {
  const v = Number(text);
  if (!(v > 0 && v < 0.5)) throw new UsageError(`--${flag} must be a number in (0, 0.5), got "${text}"`);
  return v;
}

function printReport(header: Record<string, string>, report: AuditReport): string {
  const shapeRows = report.shapes.map((s) => [`[${s.shape.join(', ')}]`, String(s.n), `${fmt(s.std)} [${fmt(s.lower)}, ${fmt(s.upper)}]`]);
  const candidateRows = report.candidates.map((c) => [
    c.name,
    c.ratios.map((r) => `${r.estimate.toFixed(4)} [${r.lower.toFixed(4)}, ${r.upper.toFixed(4)}]`).join('  '),
    c.withinDelta ? 'MATCH' : c.familyMatches ? '' : 'family differs',
  ]);
  return [
    alignColumns(Object.entries(header)),
    '',
    alignColumns([['shape', 'values', `std, ${((1 - report.alpha / report.shapes.length) * 100).toPrecision(4)}% CI`], ...shapeRows]),
    '',
    `family (KS distance of the standardised values): ${Object.entries(report.family.distances)
      .map(([f, d]) => `${f} ${d.toFixed(4)}`)
      .join(', ')} → ${report.family.best}`,
    '',
    alignColumns([['scheme', 'measured std / scheme std, per shape', ''], ...candidateRows]),
    '',
    `verdict: ${report.verdict}`,
    '',
  ].join('\n');
}

export async function auditMain(argv: string[]): Promise<string> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''));
  }
  if (values.help) return AUDIT_HELP;
  const delta = probability('delta', values.delta);
  const alpha = probability('alpha', values.alpha);
  const seed = values.seed === undefined ? masterSeed() : parseSeed(values.seed, '--seed');
  if (values.weights !== undefined) return auditWeights(values.weights, values['shape-role'], { delta, alpha }, values.json);
  if (values.module === undefined || values.export === undefined)
    throw new UsageError('audit needs --module and --export (an initializer), or --weights and --shape-role (a dumped weight)');
  if (values.kind !== undefined && values.kind !== 'function' && values.kind !== 'tfjs-layers')
    throw new UsageError(`--kind "${values.kind}" is not known; choose one of: function, tfjs-layers`);
  const { init, kind } = await loadInitializer(values.module, values.export, values.kind as InitKind | undefined);
  const layout = (values.layout ?? (kind === 'tfjs-layers' ? 'tfjs' : 'torch')) as WeightLayout;
  if (layout !== 'torch' && layout !== 'tfjs') throw new UsageError(`--layout "${values.layout}" is not known; choose one of: torch, tfjs`);
  const report = fitScheme(hostDraw(init), { layout, delta, alpha, seed });
  const header = {
    initializer: `${values.module} ${values.export} (${kind})`,
    layout,
    'master seed': String(seed),
    δ: String(delta),
    α: String(alpha),
  };
  return values.json ? `${JSON.stringify({ ...header, ...report }, null, 2)}\n` : printReport(header, report);
}

/**
 * One dumped weight: its std against every scheme at its own fans, and its family by the KS
 * distance of its standardised values (as the module mode does). One shape fixes std = gain/√fan
 * only: schemes whose std coincide at this shape cannot be told apart, and when fan_in = fan_out
 * neither can the fan modes.
 */
function auditWeights(file: string, roles: string | undefined, { delta, alpha }: { delta: number; alpha: number }, json: boolean): string {
  if (roles === undefined) throw new UsageError('--weights needs --shape-role, e.g. out,in (torch Linear) or in,out (tfjs Dense)');
  const array = readNpy(new Uint8Array(readFileSync(file)), file);
  const axes = roles.split(',').map((r) => r.trim());
  if (axes.length !== array.shape.length)
    throw new UsageError(`--shape-role names ${axes.length} axes, the weight has ${array.shape.length} ([${array.shape.join(', ')}])`);
  const bad = axes.filter((a) => !['out', 'in', 'k'].includes(a));
  if (bad.length > 0 || axes.filter((a) => a === 'out').length !== 1 || axes.filter((a) => a === 'in').length !== 1)
    throw new UsageError(`--shape-role takes one "out", one "in" and any number of "k" (kernel) axes, got "${roles}"`);
  // as a torch-layout shape [out, in, ...kernel]
  const dim = (role: string) => array.shape[axes.indexOf(role)] as number;
  const kernel = array.shape.filter((_, i) => axes[i] === 'k');
  const torchShape = [dim('out'), dim('in'), ...kernel];
  const receptive = kernel.reduce((a, b) => a * b, 1);
  const [fanIn, fanOut] = [dim('in') * receptive, dim('out') * receptive];
  const ci = stdCI(array.values, { confidence: 1 - alpha });
  const family = familyOf([standardised(array.values)]);
  const rows = AUDIT_CANDIDATES.map((c) => {
    const theory = publishedScheme(c.scheme, torchShape, c.options);
    const r = { estimate: ci.estimate / theory.std, lower: ci.lower / theory.std, upper: ci.upper / theory.std };
    const familyMatches = theory.family === family.best;
    return { name: c.name, ...r, familyMatches, within: familyMatches && r.lower >= 1 - delta && r.upper <= 1 + delta };
  });
  const matches = rows.filter((r) => r.within).map((r) => r.name);
  const cannotTell = [
    ...(fanIn === fanOut ? [`fan modes (fan_in = fan_out = ${fanIn})`] : []),
    ...(matches.length > 1 ? ['these schemes, whose std coincide at this shape'] : []),
  ];
  const caveat = cannotTell.length ? ` (one shape cannot tell apart ${cannotTell.join(', nor ')})` : '';
  const verdict =
    matches.length > 0
      ? `${family.best} family, std consistent with ${matches.join('; ')}${caveat}`
      : `no named scheme within δ = ${delta * 100}% (${family.best} family by KS)`;
  const familyLine = `family (KS distance of the standardised values): ${Object.entries(family.distances)
    .map(([f, d]) => `${f} ${d.toFixed(4)}`)
    .join(', ')} → ${family.best}`;
  if (json)
    return `${JSON.stringify({ file, shape: array.shape, dtype: array.dtype, std: ci, family, candidates: rows, verdict }, null, 2)}\n`;
  return [
    `weight ${file}: shape [${array.shape.join(', ')}] (${roles}: fan_in ${fanIn}, fan_out ${fanOut}), ${array.dtype}, ${array.values.length} values`,
    `std ${fmt(ci.estimate)}, ${((1 - alpha) * 100).toPrecision(4)}% CI [${fmt(ci.lower)}, ${fmt(ci.upper)}]`,
    familyLine,
    '',
    alignColumns([
      ['scheme', 'measured / scheme std', ''],
      ...rows.map((r) => [
        r.name,
        `${r.estimate.toFixed(4)} [${r.lower.toFixed(4)}, ${r.upper.toFixed(4)}]`,
        r.within ? 'MATCH' : r.familyMatches ? '' : 'family differs',
      ]),
    ]),
    '',
    `verdict: ${verdict}`,
    '',
  ].join('\n');
}
