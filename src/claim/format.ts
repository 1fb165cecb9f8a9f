/** Human-readable claim results: the failure message and the report lines. */
import type { ClaimResult, Role } from './types.ts';

/** Where a claim comes from: its notebook cell, or for a claim beyond the notebook its paper. */
export function origin(claim: { cell?: string; source?: string }): string | undefined {
  return claim.cell ?? claim.source;
}

/** `origin: statement`, or the statement alone. */
export function placedStatement(claim: { cell?: string; source?: string; statement: string }): string {
  const where = origin(claim);
  return where ? `${where}: ${claim.statement}` : claim.statement;
}

/** How a skipped claim's test is named (claims that do not run on this backend); the reporter lists these as "did not run". */
export const NOT_APPLICABLE = 'not applicable: ';

/**
 * The command that reruns just this claim with the same seeds: for a claim of the spec
 * (spec/*.spec.ts) `npx initspec claim ID`, which finds its file without loading the others,
 * with the seed, and the tier and backend when they are not the defaults. Anything else (a
 * harness test's claim, a matcher's record "<test name> · <matcher>" in a user's project) reruns
 * its vitest test by name, with the same settings as variables.
 */
export function rerunCommand(result: ClaimResult, specFile: string): string {
  const [testName, matcher] = result.id.split(' · ');
  const backend = result.backend.split(' ')[0];
  const nonDefault = {
    tier: result.tier !== 'fast' ? result.tier : undefined,
    backend: backend !== undefined && backend !== 'wasm' ? backend : undefined,
  };
  if (matcher === undefined && /^spec\/[^/]+\.spec\.ts$/.test(specFile)) {
    const flags = [`--seed ${result.masterSeed}`, ...Object.entries(nonDefault).flatMap(([k, v]) => (v ? [`--${k} ${v}`] : []))];
    return `npx initspec claim ${result.id} ${flags.join(' ')}`;
  }
  const env = [
    `INITSPEC_SEED=${result.masterSeed}`,
    ...(nonDefault.tier ? [`INITSPEC_TIER=${nonDefault.tier}`] : []),
    ...(nonDefault.backend ? [`INITSPEC_BACKEND=${nonDefault.backend}`] : []),
  ];
  const name = matcher === undefined ? `^${result.id} · ` : (testName as string);
  return `${env.join(' ')} npx vitest run ${specFile} -t "${name.replace(/[[\]()]/g, '\\$&')}"`;
}

export function headline(result: ClaimResult): string {
  const subject =
    result.role === 'control'
      ? `${result.id} negative control (${result.control})`
      : result.role === 'power'
        ? `${result.id} power control (${result.control})`
        : result.id;
  const expected = result.expectedFailure && result.role === 'claim' ? ' (expected failure)' : '';
  const delta = result.delta === null ? 'δ: none by nature' : `δ ${result.delta}`;
  return `${subject}: ${result.verdict}${expected} — ${result.trials} trials, α ${result.alpha}, ${delta}, backend ${result.backend}`;
}

export function formatResult(result: ClaimResult, specFile: string): string {
  return [
    headline(result),
    `  ${placedStatement(result)}`,
    ...(result.expectedFailure ? [`  expected to fail: ${result.expectedFailure.checks.join('; ')} — ${result.expectedFailure.why}`] : []),
    `  power: ${result.delta === null ? 'none by nature' : `δ = ${result.delta}`} (${result.deltaBasis})`,
    ...result.checks.map((c) => `  ${checkMark(c, result.role)} ${c.detail}`),
    `  trials: ${result.trials} (${result.trialsBasis}); each check at confidence ${result.checkConfidence}`,
    `  seeds: ${result.seeds}`,
    `  rerun: ${rerunCommand(result, specFile)}`,
  ].join('\n');
}

/**
 * ✓ decided and passed, ✗ decided and failed, ℹ reported only. In a power control the goal is
 * the reverse: ✓ marks a check that showed the error (interval outside the margin), · one that did not.
 */
export function checkMark(check: { pass: boolean; informational?: boolean; showsError?: boolean }, role: Role = 'claim'): string {
  if (check.informational) return 'ℹ';
  if (role === 'power') return check.showsError ? '✓' : '·';
  return check.pass ? '✓' : '✗';
}
