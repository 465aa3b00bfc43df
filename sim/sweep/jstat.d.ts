/** The part of jstat (no bundled types) that sweeps use. */
declare module 'jstat' {
  export const jStat: {
    studentt: { inv(p: number, dof: number): number };
    mean(values: readonly number[]): number;
    stdev(values: readonly number[], sample: boolean): number;
    min(values: readonly number[]): number;
    max(values: readonly number[]): number;
  };
}
