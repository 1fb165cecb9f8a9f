/**
 * `npm run audit:tfjs-layers`: `initspec audit` on every variance-scaling initializer of
 * tfjs-layers, one table; writes docs/audit.md (the committed finding, tensorflow/tfjs#8594).
 */
import { writeFileSync } from 'node:fs';
import { describeBackend, formatBackend } from '../backend/describe.ts';
import { useBackend } from '../backend/select.ts';
import { fitScheme } from '../audit/fitScheme.ts';
import { hostDraw } from '../init/hostDraw.ts';
import { loadInitializer } from '../audit/loadInit.ts';
import { masterSeed } from '../rng/seed.ts';
import { markdownTable } from '../text/format.ts';

const NAMES = ['heUniform', 'heNormal', 'glorotUniform', 'glorotNormal', 'leCunUniform', 'leCunNormal'];

await useBackend();
const seed = masterSeed();
const rows: string[][] = [];
const details: string[] = [];
for (const name of NAMES) {
  const { init } = await loadInitializer('@tensorflow/tfjs-layers', name, 'tfjs-layers');
  const report = fitScheme(hostDraw(init), { layout: 'tfjs', seed });
  const closest = report.candidates.find((c) => report.verdict.includes(c.name)) ?? report.candidates[0]!;
  rows.push([
    `\`${name}\``,
    report.shapes.map((s) => `${s.std.toPrecision(5)}`).join(', '),
    report.family.best,
    closest.name,
    closest.ratios.map((r) => `${r.estimate.toFixed(4)} [${r.lower.toFixed(4)}, ${r.upper.toFixed(4)}]`).join('; '),
    report.verdict.startsWith('draws') ? 'matches' : '**none within δ**',
  ]);
  details.push(
    `- \`${name}\`: ${report.verdict}; KS distances ${Object.entries(report.family.distances)
      .map(([f, d]) => `${f} ${d.toFixed(4)}`)
      .join(', ')}`,
  );
  console.log(`${name}: ${report.verdict}`);
}
const first = fitScheme(hostDraw((await loadInitializer('@tensorflow/tfjs-layers', 'heUniform', 'tfjs-layers')).init), {
  layout: 'tfjs',
  seed,
});
const doc = `# Auditing an initializer: which scheme does it draw?

\`npx initspec audit --module MODULE --export NAME\` draws the initializer at shapes whose fans
differ (tfjs layout: ${first.shapes.map((s) => `[${s.shape.join(', ')}]`).join(', ')}; torch layout swaps the fan axes), measures each
std with a chi-square interval (${first.shapes[0]!.n} values a shape: each interval within ±δ/4 at
α/3, δ = ${first.delta}, α = ${first.alpha}) and the family of the standardised values (KS distance to
uniform, normal, and a normal truncated at ±2σ without rescaling), and compares them with every
named scheme's published std (src/theory/publishedSchemes.ts, written apart from src/init). A
scheme matches when every shape's ratio interval lies inside 1 ± δ and the family is its own.
\`--weights w.npy --shape-role out,in\` does the same for one weight dumped from PyTorch or NumPy
(float32/float64 .npy); one shape cannot tell fan modes apart, so it lists every scheme whose std fits.

## Finding: tfjs-layers 4.22.0

\`npm run audit:tfjs-layers\` (backend ${formatBackend(describeBackend())}, master seed ${seed}):

${markdownTable(['initializer', 'std per shape', 'family', 'closest scheme', 'measured / scheme std per shape (CI)', 'verdict'], rows).join('\n')}

${details.join('\n')}

The three normal variance-scaling initializers draw a normal truncated at ±2σ and do not
rescale it, so their std is 0.8796× the documented one (the std of N(0,1) truncated at ±2);
tensorflow/tfjs#8594 reports it, still open. It matters beyond these names: tfjs-layers 4.22.0
sets \`DEFAULT_KERNEL_INITIALIZER = 'glorotNormal'\` for Dense, the Conv layers and the recurrent
layers (dist/layers/core.js, convolutional.js, recurrent.js), so every default tfjs layer starts
at 0.88× Glorot's std.
`;
writeFileSync('docs/audit.md', doc);
console.log('saved docs/audit.md');
