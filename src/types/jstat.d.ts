// The parts of jstat 1.9.6 that initspec calls (the package ships no types).
declare module 'jstat' {
  interface ContinuousDistribution {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  interface JStat {
    studentt: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    chisquare: { cdf(x: number, dof: number): number; inv(p: number, dof: number): number };
    beta: { cdf(x: number, a: number, b: number): number; inv(p: number, a: number, b: number): number };
    normal: {
      cdf(x: number, mean: number, std: number): number;
      pdf(x: number, mean: number, std: number): number;
      inv(p: number, mean: number, std: number): number;
    };
    centralF: { cdf(x: number, df1: number, df2: number): number; inv(p: number, df1: number, df2: number): number };
    binomial: { cdf(k: number, n: number, p: number): number; pdf(k: number, n: number, p: number): number };
    gammaln(x: number): number;
  }
  const jStat: JStat & { jStat: JStat };
  export default jStat;
  export type { ContinuousDistribution };
}
