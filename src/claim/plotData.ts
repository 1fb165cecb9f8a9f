/**
 * What a claim's chart shows, as data: the recipes (chainClaim, the spec files) say what to
 * plot, and report/plots.ts draws it (the vitest binding, src/vitest/claim.ts, hands one to the
 * other), so the claims never load the drawing libraries.
 */
export interface TrajectoryPlot {
  kind: 'trajectory';
  title: string;
  /** One series per trial: the y value at loop index i (non-finite values are dropped). */
  traces: ArrayLike<number>[];
  yTitle?: string;
  xTitle?: string;
  /** A theory line over the same index. */
  theory?: ArrayLike<number>;
  theoryLabel?: string;
}

/** A histogram of per-trial counts, the notebook's single draw marked. */
export interface CountHistogram {
  kind: 'histogram';
  title: string;
  counts: number[];
  notebook?: number;
  xTitle?: string;
}

export type PlotData = TrajectoryPlot | CountHistogram;
