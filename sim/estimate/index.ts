/** The estimate module: what other modules use of it. */
export { BRIEF_INPUTS, estimate, explain, type Estimate, type EstimateInput } from './bound.js';
export { explainSimulation } from './report.js';
export { DEFAULT_SEEDS, explainSeeds, simulateSeeds } from './seeds.js';
export { DEFAULT_SCALE, simulate, type SimulateOptions, type Simulation } from './simulate.js';
