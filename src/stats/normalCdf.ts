/**
 * Φ(x), the standard normal CDF, by W. J. Cody's rational approximations of erfc (as in most
 * libm's), to ~1e-15 relative: jStat's erf series costs ~50 ns a call, and a model audit's KS tests
 * take tens of millions. spec/harness/stats.test.ts compares it with jStat.
 */
const SQRT1_2 = Math.SQRT1_2;

// Cody 1969, erfc on [0.5, 4] and [4, ∞); erf on [0, 0.5]
const A = [3.1611237438705656, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.2368334391704];
const C = [
  0.5641884969886701, 8.883149794388376, 66.11919063714163, 298.635138197400131, 881.95222124176909, 1712.0476126340707, 2051.0783778260716,
  1230.339354797997, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216,
  1230.3393548037495,
];
const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 6.587491615298378e-4, 0.016315387137302097];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
const SQRPI = 0.5641895835477563; // 1/√π

function erfcPositive(y: number): number {
  if (y <= 0.46875) {
    const z = y * y;
    let num = A[4]! * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]!) * z;
      den = (den + B[i]!) * z;
    }
    return 1 - (y * (num + A[3]!)) / (den + B[3]!);
  }
  let result: number;
  if (y <= 4) {
    let num = C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    result = (num + C[7]!) / (den + D[7]!);
  } else {
    if (y >= 26.6) return 0;
    const z = 1 / (y * y);
    let num = P[5]! * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]!) * z;
      den = (den + Q[i]!) * z;
    }
    result = (z * (num + P[4]!)) / (den + Q[4]!);
    result = (SQRPI - result) / y;
  }
  // exp(−y²) split to keep its precision: y² = ysq² + (y − ysq)(y + ysq)
  const ysq = Math.trunc(y * 16) / 16;
  return Math.exp(-ysq * ysq) * Math.exp(-(y - ysq) * (y + ysq)) * result;
}

export function normalCdf(x: number): number {
  const y = Math.abs(x) * SQRT1_2;
  const upper = 0.5 * erfcPositive(y); // P(Z > |x|)
  return x >= 0 ? 1 - upper : upper;
}
