// Prints the virtual-channel study (README "Perun virtual channels"): the same three nodes and
// workload over a Perun virtual channel and routed with HTLCs through the intermediary.
import { studyTable, virtualStudy } from '../dist/sim/studies/index.js';

console.log(studyTable(virtualStudy('scenarios/examples/virtual-channel.yaml', 'scenarios/studies/virtual-vs-htlc.yaml')));
