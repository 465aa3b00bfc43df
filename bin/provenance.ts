/** Provenance lives with the scenario (sim/scenario/provenance.ts): sweeps write it too. */
export { provenance, runReport, type RunFlagsUsed } from '../sim/scenario/provenance.js';
