/** Timing helpers for the bench: warm up, then the median of repeated runs. */
import { median } from '../stats/median.ts';
import { fmt } from '../text/format.ts';

/** Bench numbers are printed to 3 significant digits. */
export const sig3 = (x: number): string => fmt(x, 3);

export function medianMs(run: () => void, { warmup = 3, repeats = 15 }: { warmup?: number; repeats?: number } = {}): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** GFLOP/s of `count` n×n by n×n matmuls done in `ms`. */
export function gflops(n: number, ms: number, count = 1): number {
  return (2 * n ** 3 * count) / (ms * 1e6);
}

/** Least-squares slope of log(y) on log(x): the scaling exponent. */
export function logLogSlope(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * ((ly[i] as number) - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}
