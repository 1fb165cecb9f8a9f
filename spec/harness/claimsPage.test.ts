/** reports/claims.html: self-contained, in notebook order, every claim with its numbers, controls and plots. */
import { describe, expect, test } from 'vitest';
import { rerunCommand } from '../../src/claim/format.ts';
import type { CheckResult } from '../../src/claim/types.ts';
import { claimsPage, inlineSvg } from '../../src/report/claimsPage.ts';
import type { ClaimRecord, ClaimsReport } from '../../src/report/claimsTable.ts';

const check = (over: Partial<CheckResult> = {}): CheckResult => ({
  label: 'E[y²]',
  method: 't',
  pass: true,
  estimate: 1.002,
  lower: 0.99,
  upper: 1.014,
  confidence: 0.9995,
  target: 1,
  margin: 0.05,
  theory: { value: 1, formula: 'dim·Var(W)·E[x²]' },
  detail: 'E[y²] = 1.002 inside 1 ± 0.05',
  ...over,
});

const record = (over: Partial<ClaimRecord>): ClaimRecord => ({
  id: 'C8',
  role: 'claim',
  delta: 0.05,
  deltaBasis: 'second moments',
  statement: 'E[y²] = 1 for W ~ N(0, 1/dim) & <scaled>',
  cell: 'In [160]',
  verdict: 'holds',
  ok: true,
  alpha: 0.001,
  checkConfidence: 0.9995,
  trials: 40,
  trialsBasis: 'half-width ≤ margin/2',
  masterSeed: 2019,
  tier: 'fast',
  seeds: 'seedFor("C8", 0…39) from master seed 2019',
  backend: 'wasm (tfjs 4.22.0; matmul keeps denormals down to 2^-149)',
  checks: [check(), check({ label: 'note', informational: true, detail: 'notebook In [160] 0.98' })],
  wallMs: 1234,
  specFile: 'spec/second-moments.spec.ts',
  testState: 'passed',
  detects: 'detects ±0.05: ×1.05 detected (12 trials), ×0.95 detected (12 trials)',
  plots: ['reports/plots/C8-trajectory.svg'],
  ...over,
});

const report = (claims: ClaimRecord[]): ClaimsReport => ({
  generatedAt: '2026-11-29T00:00:00.000Z',
  backend: claims[0]?.backend ?? 'wasm',
  masterSeed: 2019,
  tier: 'fast',
  alphaTotal: 0.05,
  alphaSpent: 0.0335,
  suiteWallSeconds: 700,
  claims,
});

const SVG =
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><script>alert(1)</script><rect width="10" height="10"/></svg>';

describe('claims page', () => {
  const claims = [
    record({}),
    record({ role: 'control', control: 'W ~ N(0, 1)', verdict: 'rejected', plots: undefined }),
    record({ role: 'power', control: 'init ×1.05', factor: 1.05, verdict: 'detected', plots: undefined }),
    record({
      id: 'C10-product',
      cell: 'In [170]',
      verdict: 'fails',
      expectedFailure: { checks: ['product'], why: 'harmonic mean' },
      plots: undefined,
    }),
  ];
  const html = claimsPage(report(claims), new Map([['C8-trajectory.svg', SVG]]));

  test('one section per claim, controls inside it, in the order given', () => {
    expect(html.match(/<section /g)).toHaveLength(2);
    expect(html.indexOf('id="C8"')).toBeLessThan(html.indexOf('id="C10-product"'));
    expect(html).toContain('negative control: W ~ N(0, 1)');
    expect(html).toContain('power control: init ×1.05');
  });

  test('header: backend, tier, seed, α spent, wall time', () => {
    expect(html).toMatch(/backend: wasm \(tfjs 4\.22\.0; matmul keeps denormals/);
    expect(html).toContain('tier: fast');
    expect(html).toContain('master seed: 2019');
    expect(html).toContain('α spent 0.0335 of α_total 0.05');
    expect(html).toContain('wall 700 s');
  });

  test('the numbers of a decisive check, the theory, δ and the rerun command', () => {
    expect(html).toContain('[0.99, 1.014] at 99.95%');
    expect(html).toContain('1 ± 0.05');
    expect(html).toContain('dim·Var(W)·E[x²]');
    expect(html).toContain('δ 0.05');
    expect(html).toContain('detects ±0.05');
    expect(html).toContain(rerunCommand(claims[0] as ClaimRecord, 'spec/second-moments.spec.ts').replace(/"/g, '&quot;'));
  });

  test('an expected failure is shown as such, with its checks and why', () => {
    expect(html).toContain('fails as expected');
    expect(html).toContain('Expected to fail: product — harmonic mean');
  });

  test('text is escaped; plots are inlined without scripts or prolog', () => {
    expect(html).toContain('&amp; &lt;scaled&gt;');
    expect(html).toContain('<figure data-plot="C8-trajectory.svg"><svg');
    expect(html).not.toContain('<script');
    expect(inlineSvg(SVG)).not.toContain('<?xml');
  });

  test('self-contained: nothing loaded from elsewhere (only SVG namespaces and links to the spec source)', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    const urls = html.match(/(src|href)="[^"]*"/g) ?? [];
    expect(urls.every((u) => u.startsWith('href="#') || u.startsWith('href="../spec/'))).toBe(true);
  });

  test('a plot the claim names but nobody wrote is reported, not silently dropped', () => {
    expect(claimsPage(report([record({})]))).toContain('plot C8-trajectory.svg was not found');
  });

  test('a failed claim is marked on its section', () => {
    const failed = claimsPage(report([record({ testState: 'failed', verdict: 'fails' })]));
    expect(failed).toContain('class="claim fails"');
    expect(failed).toContain('fails (test failed)');
  });
});
