/** Where a claim's chart lives: the test writes it there, and the claims reporter finds it again by the same name. */
export const plotFileName = (claimId: string, plot: string): string => `${claimId}-${plot}.svg`.replace(/[^\w.-]+/g, '_');

/** The annotation message a chart is attached under (vitest `annotate`), and the plot name back from it. */
export const plotAnnotation = (plot: string): string => `plot: ${plot}`;
export const plotFromAnnotation = (message: string): string | undefined => /^plot: (.+)$/.exec(message)?.[1];
