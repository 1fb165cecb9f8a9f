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
