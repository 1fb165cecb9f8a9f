import { useBackend } from './src/backend/select.ts';
import { referenceTrajectory } from './src/chain/referenceChain.ts';
await useBackend();
for (const [family, act] of [['uniform','linear'],['uniform','relu'],['normal','linear'],['orthogonal','relu']] as const) {
  const t0 = performance.now();
  const rows: number[][] = [];
  for (let s = 0; s < 12; s++) {
    const tr = referenceTrajectory({ family, n: 512, activation: act, steps: 500, seed: 1000 + s });
    const shift = act === 'relu' ? 0.5*Math.log10(2) : 0;
    rows.push([49, 99, 199, 499].map((i) => tr[i]! + (i+2)*shift));
  }
  const ms = (performance.now() - t0) / 12;
  const cols = [0,1,2,3].map((c) => rows.map((r) => r[c]!));
  const stat = (v: number[]) => { const m = v.reduce((a,b)=>a+b)/v.length; const sd = Math.sqrt(v.reduce((a,b)=>a+(b-m)**2,0)/(v.length-1)); return `${m.toFixed(3)}±${sd.toFixed(3)}`; };
  console.log(family, act, `${ms.toFixed(0)} ms/probe`, cols.map(stat).join('  '));
}
