/**
 * jStat's chi-square quantile, remembered per (p, df). Its cost grows with df (its incomplete
 * gamma runs a series of ~df/5 terms per Newton step: ~1.3 ms a call at df 10⁵, ~14 ms at 10⁶),
 * and the claims ask for the same few quantiles again and again: every std check of a given size,
 * its ±δ controls, each step of a sample-size search. The same function of the same arguments,
 * so the same bits; only the repeats are saved.
 */
import jStat from 'jstat';

/** Bounded, so a long-lived process (an audit, a user's test run) cannot grow it without end. */
const CAPACITY = 4096;
const remembered = new Map<string, number>();

export function chiSquareQuantile(p: number, df: number): number {
  // a number's shortest decimal form names exactly one double, so the key is the arguments
  const key = `${p} ${df}`;
  let quantile = remembered.get(key);
  if (quantile === undefined) {
    quantile = jStat.chisquare.inv(p, df) as number;
    if (remembered.size >= CAPACITY) remembered.clear();
    remembered.set(key, quantile);
  }
  return quantile;
}
