/**
 * Chi-square draws by Marsaglia & Tsang's gamma method (ACM TOMS 26(3), 2000): χ²_k = 2·Gamma(k/2),
 * for k ≥ 2 (shape ≥ 1, where the method needs no boost). About 1.05 normals and uniforms a draw,
 * against k normals for a sum of squares.
 */
import { uniformSource } from './draw.ts';

/** `count` draws of χ²_dof (float64) from one seed's stream. */
export function chiSquareValues(count: number, dof: number, seed: number): Float64Array {
  if (!(dof >= 2 && Number.isFinite(dof))) throw new RangeError(`chiSquareValues: dof must be ≥ 2, got ${dof}`);
  const next = uniformSource(seed);
  const d = dof / 2 - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let spare: number | undefined;
  const normal = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const t = 2 * Math.PI * next();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = 1 - next();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        out[i] = 2 * d * v;
        break;
      }
    }
  }
  return out;
}
