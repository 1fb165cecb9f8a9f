/**
 * SVG charts through Vega-Lite → Vega, rendered headless in Node (no browser, no canvas).
 * This module is the thin adapter: it shapes data and a Vega-Lite spec; the libraries draw.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { CountHistogram, PlotData, TrajectoryPlot } from '../claim/plotData.ts';

export type { CountHistogram, PlotData, TrajectoryPlot };

/** A claim's chart, drawn: SVG text. */
export function plotSvg(plot: PlotData): Promise<string> {
  return plot.kind === 'trajectory' ? trajectoryPlotSvg(plot) : countHistogramSvg(plot);
}

async function render(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Every trial as a thin line, the min–max band over trials, and the theory line dashed. */
export async function trajectoryPlotSvg({
  title,
  traces,
  yTitle = 'log10 max|x|',
  xTitle = 'step',
  theory,
  theoryLabel = 'theory',
}: Omit<TrajectoryPlot, 'kind'>): Promise<string> {
  const rows: Array<{ step: number; value: number; trial: number }> = [];
  traces.forEach((trace, trial) => {
    for (let step = 0; step < trace.length; step++) {
      const value = trace[step] as number;
      if (Number.isFinite(value)) rows.push({ step, value, trial });
    }
  });
  const theoryRows: Array<{ step: number; value: number; series: string }> = [];
  if (theory)
    for (let step = 0; step < theory.length; step++)
      if (Number.isFinite(theory[step])) theoryRows.push({ step, value: theory[step] as number, series: theoryLabel });
  const x = { field: 'step', type: 'quantitative', title: xTitle } as const;
  const y = { field: 'value', type: 'quantitative', title: yTitle } as const;
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: 300,
    background: 'white',
    layer: [
      {
        data: { values: rows },
        transform: [
          {
            aggregate: [
              { op: 'min', field: 'value', as: 'low' },
              { op: 'max', field: 'value', as: 'high' },
            ],
            groupby: ['step'],
          },
        ],
        mark: { type: 'area', opacity: 0.2, color: '#4c78a8' },
        encoding: { x, y: { field: 'low', type: 'quantitative', title: yTitle }, y2: { field: 'high' } },
      },
      {
        data: { values: rows },
        mark: { type: 'line', strokeWidth: 0.8, opacity: 0.6, color: '#4c78a8' },
        encoding: { x, y, detail: { field: 'trial', type: 'nominal' } },
      },
      ...(theoryRows.length
        ? [
            {
              data: { values: theoryRows },
              mark: { type: 'line' as const, strokeDash: [6, 4], color: '#e45756', strokeWidth: 2 },
              encoding: {
                x,
                y,
                color: {
                  field: 'series',
                  type: 'nominal' as const,
                  title: null,
                  legend: { orient: 'bottom' as const },
                  scale: { range: ['#e45756'] },
                },
              },
            },
          ]
        : []),
    ],
  });
}

/** The log10 max|x| of every trial of a chain against step. */
export function chainPlotSvg({
  title,
  traces,
  theory,
}: {
  title: string;
  traces: ArrayLike<number>[];
  theory?: ArrayLike<number>;
}): Promise<string> {
  return trajectoryPlotSvg({ title, traces, ...(theory ? { theory, theoryLabel: 'circular law' } : {}) });
}

/** A histogram of per-trial counts with the notebook's single draw marked. */
export function countHistogramSvg({
  title,
  counts,
  notebook,
  xTitle = 'steps until the chain ends',
}: Omit<CountHistogram, 'kind'>): Promise<string> {
  const finite = counts.filter(Number.isFinite).map((value) => ({ value }));
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${title}${finite.length < counts.length ? ` (${counts.length - finite.length} not ended within the steps run, not shown)` : ''}`,
    width: 560,
    height: 220,
    background: 'white',
    layer: [
      {
        data: { values: finite },
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          x: { field: 'value', type: 'quantitative', bin: { maxbins: 30, minstep: 1 }, title: xTitle },
          y: { aggregate: 'count', type: 'quantitative', title: 'trials' },
        },
      },
      ...(notebook !== undefined && Number.isFinite(notebook)
        ? [
            {
              data: { values: [{ value: notebook, label: 'notebook' }] },
              mark: { type: 'rule' as const, color: '#e45756', strokeWidth: 2 },
              encoding: { x: { field: 'value', type: 'quantitative' as const } },
            },
          ]
        : []),
    ],
  });
}
