/**
 * A whole model at init: every tensor of a safetensors, PyTorch, .npy/.npz or tfjs model named by
 * its role, given the scheme its preset's or rules' first matching glob expects at the model's
 * own constants, and judged (tensorAudit.ts). α is split over the drawn tensors (Bonferroni:
 * α/m each, then over a tensor's four checks); constants are compared exactly and spend none.
 * Anomalies need no rule: non-finite values, outliers, and two tensors bit-identical that the
 * format does not tie.
 */
import { readFileSync } from 'node:fs';
import { indexModel } from '../model/indexModel.ts';
import { tensorValues } from '../model/tensorValues.ts';
import type { ModelIndex } from '../model/types.ts';
import { expectedDistribution, type Expected } from '../theory/ruleSchemes.ts';
import { globMatches, PRESETS, PRESET_NAMES, type Preset, type Rule } from './presets.ts';
import { parseRule, RuleError } from './ruleExpr.ts';
import { MAX_ORTHOGONALITY_VALUES, orthogonalityError } from './orthogonality.ts';
import { tfjsRole, torchRole, type Role } from './roles.ts';
import { auditTensor, FAMILY_SAMPLE, sampleLimit, type TensorVerdict } from './tensorAudit.ts';

export const DEFAULT_MODEL_ALPHA = 0.001;

export interface TensorReport {
  name: string;
  shape: number[];
  dtype: string;
  role: string;
  fitted: string;
  expected: string;
  verdict: TensorVerdict['verdict'];
  flags: string[];
  reasons: string[];
  sampling: string;
  detects?: number;
}

/** A flag that is an anomaly: anything but a tie the format itself makes. */
const isAnomalyFlag = (flag: string): boolean => !flag.startsWith('tied:');

/** A tensor not as expected: it failed, or carries an anomaly flag. */
export function isAnomalous(t: Pick<TensorReport, 'verdict' | 'flags'>): boolean {
  return t.verdict === 'fail' || t.flags.some(isAnomalyFlag);
}

export interface ModelAuditReport {
  model: string;
  format: ModelIndex['format'];
  preset: string;
  source: string;
  constants: { values: Record<string, number>; from: string };
  alpha: number;
  alphaMethod: string;
  tensors: TensorReport[];
  skipped: ModelIndex['skipped'];
  summary: { tensors: number; pass: number; fail: number; noRule: number; flagged: number; skipped: number };
  ok: boolean;
}

export interface RulesFile {
  constants?: Record<string, number>;
  /** a regular expression naming weights laid out [in, out] */
  conv1d?: string;
  rules: Array<[string, string]>;
}

/** A rules file (JSON): `{ "constants": {…}, "conv1d": "regex", "rules": [["glob", "scheme"], …] }`. */
export function readRulesFile(file: string): Preset {
  let parsed: RulesFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as RulesFile;
  } catch (error) {
    throw new RuleError(`--rules ${file}: not a JSON rules file (${(error as Error).message})`);
  }
  if (
    !Array.isArray(parsed.rules) ||
    !parsed.rules.every((r) => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'string'))
  )
    throw new RuleError(`--rules ${file}: "rules" must be a list of ["glob", "scheme"] pairs`);
  const constants = parsed.constants ?? {};
  for (const [k, v] of Object.entries(constants))
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RuleError(`--rules ${file}: constant ${k} is not a number`);
  return {
    name: `rules ${file}`,
    source: file,
    ...(parsed.conv1d ? { conv1d: new RegExp(parsed.conv1d) } : {}),
    constants: () => ({ values: constants, from: `${file}` }),
    rules: parsed.rules.map(([glob, scheme]) => ({ glob, scheme })),
  };
}

export function presetByName(name: string): Preset {
  const preset = PRESETS[name];
  if (preset === undefined) throw new RuleError(`--preset "${name}" is not known; choose one of: ${PRESET_NAMES.join(', ')}`);
  return preset;
}

function ruleFor(rules: readonly Rule[], name: string, role: Role): Rule | undefined {
  return rules.find((r) => globMatches(r.glob, name, role.kind));
}

/** A model file or folder (or an index already made, e.g. of a tfjs LayersModel in memory) against `preset`. */
export async function auditModel(target: string | ModelIndex, preset: Preset, alpha = DEFAULT_MODEL_ALPHA): Promise<ModelAuditReport> {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`--alpha must be in (0, 1), got ${alpha}`);
  const index = typeof target === 'string' ? await indexModel(target) : target;
  const model = index.path;
  const names = index.tensors.map((t) => t.name);
  const weightShapes = new Map(index.tensors.map((t) => [t.name, t.shape]));
  const constants = preset.constants(index.config, names);
  const planned = index.tensors.map((tensor) => {
    const layerClass = index.layerClasses?.get(tensor.name);
    const role =
      layerClass !== undefined
        ? tfjsRole(tensor.name, tensor.shape, layerClass)
        : torchRole(tensor.name, tensor.shape, preset.conv1d, weightShapes);
    const rule = ruleFor(preset.rules, tensor.name, role);
    let expected: Expected | undefined;
    let expectedText = rule ? rule.scheme : 'no rule';
    if (rule) {
      const fans: Record<string, number> = role.fans ? { fan_in: role.fans.fanIn, fan_out: role.fans.fanOut } : {};
      const call = parseRule(rule.scheme, { ...constants.values, ...fans });
      try {
        expected = expectedDistribution(call, role.fans);
        expectedText = `${rule.scheme}: ${expected.kind === 'draw' ? `${expected.family}, std ${Number(expected.std.toPrecision(4))}` : expected.formula}`;
      } catch (error) {
        throw new RuleError(`${tensor.name}: rule "${rule.glob}" → ${rule.scheme}: ${(error as Error).message}`);
      }
    }
    return { tensor, role, expected, expectedText };
  });
  const drawn = planned.filter((p) => p.expected?.kind === 'draw').length;
  const tensorAlpha = alpha / Math.max(1, drawn);
  const limit = sampleLimit(tensorAlpha / 4);
  const hashes = new Map<string, string[]>();
  const reports: TensorReport[] = [];
  const constantHashes = new Set<string>();
  for (const { tensor, role, expected, expectedText } of planned) {
    const orthogonal = expected?.kind === 'draw' && expected.family === 'orthogonal' && role.fans !== undefined;
    const count = tensor.shape.reduce((p, d) => p * d, 1);
    // an orthogonal weight is read whole (in order) for its Gram matrix, when small enough
    const whole = orthogonal && count <= MAX_ORTHOGONALITY_VALUES;
    const values = tensorValues(tensor, whole ? Math.max(limit, count) : limit);
    const gain = expected?.kind === 'draw' ? expected.std * Math.sqrt(Math.max(role.fans?.rows ?? 1, role.fans?.cols ?? 1)) : 1;
    const orthogonality =
      whole && values.sample.length === count ? orthogonalityError(values.sample, role.fans!.rows, role.fans!.cols, gain) : undefined;
    const verdict = auditTensor(values, role, expected, tensorAlpha, orthogonality);
    if (values.constant) constantHashes.add(values.hash);
    hashes.set(values.hash, [...(hashes.get(values.hash) ?? []), tensor.name]);
    reports.push({
      name: tensor.name,
      shape: tensor.shape,
      dtype: tensor.dtype,
      role: role.kind,
      fitted: verdict.fitted,
      expected: expectedText,
      verdict: verdict.verdict,
      flags: verdict.flags,
      reasons: verdict.reasons,
      sampling: values.sampling,
      ...(verdict.detects !== undefined ? { detects: verdict.detects } : {}),
    });
  }
  // copies: the same bits in two tensors the format does not tie (constants, ones and zeros, are alike by design)
  for (const report of reports) {
    const tied = index.tied.get(report.name) ?? [];
    for (const other of tied) report.flags.push(`tied:${other}`);
  }
  for (const [hash, group] of hashes) {
    if (group.length < 2 || constantHashes.has(hash)) continue;
    for (const name of group) {
      const report = reports.find((r) => r.name === name)!;
      const tied = new Set(index.tied.get(name) ?? []);
      const copies = group.filter((other) => other !== name && !tied.has(other));
      if (copies.length === 0) continue;
      for (const other of copies) report.flags.push(`identical:${other}`);
      report.reasons.push(`bit-identical to ${copies.join(', ')}, which the format does not tie to it`);
      if (report.verdict !== 'fail') report.verdict = 'fail';
    }
  }
  const count = (v: TensorReport['verdict']) => reports.filter((r) => r.verdict === v).length;
  const flagged = reports.filter((r) => r.flags.some(isAnomalyFlag)).length;
  const summary = {
    tensors: reports.length,
    pass: count('pass'),
    fail: count('fail'),
    noRule: count('no-rule'),
    flagged,
    skipped: index.skipped.length,
  };
  return {
    model,
    format: index.format,
    preset: preset.name,
    source: preset.source,
    constants,
    alpha,
    alphaMethod: `Bonferroni: α ${alpha} over the ${drawn} drawn tensors (${Number(tensorAlpha.toPrecision(3))} each), then over each one's 4 checks (std, mean, family, range); constants compared exactly; samples of up to ${limit} values (every k-th from a start fixed by the name), enough for a std half-width of δ/4 = ${0.02 / 4} at that α; the family's KS test on up to ${FAMILY_SAMPLE} of them`,
    tensors: reports,
    skipped: index.skipped,
    summary,
    ok: summary.fail === 0 && flagged === 0,
  };
}
