/**
 * reports/claims.html: the claims as one self-contained page that reads like the notebook —
 * cells in order, each claim with its statement, verdict, numbers, plots and rerun command.
 * Inline CSS and SVG only (no script, no server, no network), so it opens from file:// and
 * survives being attached to a CI run or mailed.
 */
import type { CheckResult } from '../claim/types.ts';
import { checkMark, origin, rerunCommand } from '../claim/format.ts';
import { fmt, pct } from '../text/format.ts';
import type { ClaimRecord, ClaimsReport } from './claimsTable.ts';

const escape = (text: unknown): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** An SVG file's markup, made safe to inline: no XML prolog, no scripts, no external references. */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '');
}

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1.5em;color:#1d1d1f}
header{border-bottom:2px solid #ddd;margin-bottom:1em}
h1{margin:.2em 0} h2{font-size:1.15em;margin:0 0 .3em} .facts{color:#444;font-size:.93em}
.facts span{display:inline-block;margin-right:1.4em}
nav table,section table{border-collapse:collapse;font-size:.9em}
nav td:nth-child(1){white-space:nowrap} nav td:nth-child(2){width:12em}
td,th{border-bottom:1px solid #e3e3e3;padding:.2em .55em;text-align:left;vertical-align:top}
section{border:1px solid #ddd;border-radius:6px;margin:1.2em 0;padding:.9em 1.1em}
section.fails{border-color:#c62828;background:#fff6f6}
.verdict{font-weight:600;padding:.05em .5em;border-radius:4px}
.holds,.rejected,.detected{background:#e3f4e6;color:#1b5e20}
.fails,.accepted,.missed{background:#fde4e4;color:#b71c1c} .xfail{background:#fff3cd;color:#7a5a00}
.stmt{font-size:1.02em} .power{color:#333} ul.checks{padding-left:1.2em;margin:.4em 0}
ul.checks li{margin:.15em 0} .info{color:#666}
.controls{margin-top:.5em} code{background:#f4f4f4;padding:.1em .3em;border-radius:3px;font-size:.88em;word-break:break-all}
.plots{display:flex;flex-wrap:wrap;gap:1em;margin-top:.6em} .plots figure{margin:0} .plots svg{max-width:100%;height:auto}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}`;

function verdictBadge(r: ClaimRecord): string {
  const expected = r.role === 'claim' && r.expectedFailure !== undefined && r.testState === 'passed';
  const cls = expected ? 'xfail' : r.testState === 'passed' ? r.verdict : 'fails';
  const text = expected ? `${r.verdict} as expected` : r.testState === 'passed' ? r.verdict : `${r.verdict} (test failed)`;
  return `<span class="verdict ${escape(cls)}">${escape(text)}</span>`;
}

function interval(c: CheckResult): string {
  if (c.lower === undefined || c.upper === undefined) return '';
  return `[${fmt(c.lower, 5)}, ${fmt(c.upper, 5)}] at ${pct(c.confidence)}`;
}

function numbersTable(checks: readonly CheckResult[]): string {
  const rows = checks
    .filter((c) => !c.informational)
    .map(
      (c) =>
        `<tr><td>${escape(c.label)}</td><td class="num">${escape(fmt(c.estimate, 5))}</td><td class="num">${escape(interval(c))}</td>` +
        `<td class="num">${c.target === undefined ? '' : escape(`${fmt(c.target, 5)} ± ${fmt(c.margin ?? 0, 5)}`)}</td>` +
        `<td>${c.theory ? `<span class="num">${escape(fmt(c.theory.value, 5))}</span> <span class="info">${escape(c.theory.formula)}</span>` : ''}</td>` +
        `<td>${c.notebook ? escape(`${fmt(c.notebook.value, 5)} (${c.notebook.cell})`) : ''}</td></tr>`,
    );
  if (rows.length === 0) return '';
  return `<table><tr><th>decisive check</th><th>estimate</th><th>interval</th><th>target ± margin</th><th>theory</th><th>notebook</th></tr>${rows.join('')}</table>`;
}

function checkList(r: ClaimRecord): string {
  return `<ul class="checks">${r.checks
    .map((c) => `<li class="${c.informational ? 'info' : ''}">${escape(checkMark(c, r.role))} ${escape(c.detail)}</li>`)
    .join('')}</ul>`;
}

function controlRow(r: ClaimRecord): string {
  const kind = r.role === 'power' ? 'power control' : 'negative control';
  return `<li>${verdictBadge(r)} ${escape(kind)}: ${escape(r.control ?? '')} — ${r.trials} trials<details><summary>checks</summary>${checkList(r)}</details></li>`;
}

function claimSection(claim: ClaimRecord, controls: readonly ClaimRecord[], plots: ReadonlyMap<string, string>): string {
  const failed = [claim, ...controls].some((r) => r.testState !== 'passed');
  const figures = (claim.plots ?? [])
    .map((file) => {
      const name = file.split('/').pop() ?? file;
      const svg = plots.get(name);
      return svg === undefined
        ? `<p class="info">plot ${escape(name)} was not found</p>`
        : `<figure data-plot="${escape(name)}">${inlineSvg(svg)}</figure>`;
    })
    .join('');
  return `<section id="${escape(claim.id)}" class="claim${failed ? ' fails' : ''}" data-claim="${escape(claim.id)}">
<h2>${escape(claim.id)}${origin(claim) ? ` · ${escape(origin(claim) ?? '')}` : ''} ${verdictBadge(claim)}</h2>
<p class="stmt">${escape(claim.statement)}</p>
${claim.expectedFailure ? `<p class="xfail">Expected to fail: ${escape(claim.expectedFailure.checks.join('; '))} — ${escape(claim.expectedFailure.why)}</p>` : ''}
<p class="power">α ${escape(claim.alpha)} · δ ${escape(claim.delta ?? 'none')} · ${escape(claim.detects ?? '')} <span class="info">(${escape(claim.deltaBasis)})</span></p>
${numbersTable(claim.checks)}
${checkList(claim)}
<p class="info">${claim.trials} trials (${escape(claim.trialsBasis)}); each check at confidence ${escape(claim.checkConfidence)}; ${escape(fmt(claim.wallMs / 1000, 3))} s; seeds ${escape(claim.seeds)}</p>
<p>rerun: <code>${escape(rerunCommand(claim, claim.specFile))}</code> · source: <a href="../${escape(claim.specFile)}">${escape(claim.specFile)}</a></p>
${controls.length > 0 ? `<ul class="controls">${controls.map(controlRow).join('')}</ul>` : ''}
${figures ? `<div class="plots">${figures}</div>` : ''}
</section>`;
}

/** The page; `plots` maps an SVG's file name (reports/plots/<name>) to its markup. */
export function claimsPage(report: ClaimsReport, plots: ReadonlyMap<string, string> = new Map()): string {
  const claims = report.claims.filter((r) => r.role === 'claim');
  const controlsOf = (id: string) => report.claims.filter((r) => r.role !== 'claim' && r.id === id);
  const passed = report.claims.filter((r) => r.testState === 'passed').length;
  const toc = claims
    .map(
      (c) =>
        `<tr><td><a href="#${escape(c.id)}">${escape(c.id)}</a></td><td>${escape(origin(c) ?? '')}</td><td>${verdictBadge(c)}</td><td>${escape(c.statement)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>initspec claims</title><style>${STYLE}</style></head>
<body><header><h1>initspec claims</h1>
<p class="facts"><span>backend: ${escape(report.backend)}</span><span>tier: ${escape(report.tier)}</span><span>master seed: ${escape(report.masterSeed ?? 'unknown')}</span>
<span>α spent ${escape(fmt(report.alphaSpent, 4))} of α_total ${escape(report.alphaTotal)}</span><span>wall ${escape(fmt(report.suiteWallSeconds, 4))} s</span>
<span>${passed} of ${report.claims.length} claim and control tests passed</span><span>generated ${escape(report.generatedAt)}</span></p></header>
<nav><table><tr><th>claim</th><th>cell</th><th>verdict</th><th>statement</th></tr>${toc}</table></nav>
<main>${claims.map((c) => claimSection(c, controlsOf(c.id), plots)).join('\n')}</main>
</body></html>
`;
}
