/** Provenance lives with the scenario (sim/scenario/provenance.ts), so sweeps write it too. */
import type { runReport } from './scenario/provenance.js';

export { provenance, runReport, type RunFlagsUsed } from './scenario/provenance.js';

/** The report as `pcnsim run` writes it: the summary plus provenance, refused actions and aliases. */
export type RunReport = ReturnType<typeof runReport>;
