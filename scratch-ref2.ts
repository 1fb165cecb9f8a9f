import { useBackend } from './src/backend/select.ts';
import { referenceTrajectory } from './src/chain/referenceChain.ts';
await useBackend();
const cols = Number(process.argv[2] ?? 512);
for (const [family, act] of [['uniform','relu'],['normal','relu'],['uniform','linear']] as const) {
  const t0 = performance.now();
  const rows: number[][] = [];
  for (let s = 0; s < 10; s++) {
    const tr = referenceTrajectory({ family, n: 512, activation: act, steps: 200, seed: 1000 + s, columns: cols });
    const shift = act === 'relu' ? 0.5*Math.log10(2) : 0;
    rows.push([9, 24, 49, 99, 199].map((i) => tr[i]! + (i+2)*shift));
  }
  const ms = (performance.now() - t0) / 10;
  const c = [0,1,2,3,4].map((k) => rows.map((r) => r[k]!));
  const stat = (v: number[]) => { const m = v.reduce((a,b)=>a+b)/v.length; const sd = Math.sqrt(v.reduce((a,b)=>a+(b-m)**2,0)/(v.length-1)); return `${m.toFixed(3)}±${sd.toFixed(3)}`; };
  console.log(family, act, cols, `${ms.toFixed(0)} ms/probe(200)`, c.map(stat).join('  '));
}
