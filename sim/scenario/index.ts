export { checkScenario, validateScenario, loadScenario, overriddenScenario, parseScenario, readScenarioDoc, scenarioFromData } from './load.js';
export { applyOverrides, parseOverride, parsePath, type Override, type ScenarioDoc } from './overrides.js';
export { resolveScenario, type ExpectSpec, type Scenario, type Traffic } from './resolve.js';
export { runScenario, type RunOptions, type RunRecords } from './run.js';
export { scenarioJsonSchema, scenarioSchema, type ScenarioInput } from './schema.js';
export { listScenarios, type CatalogEntry } from './catalog.js';
export { canonical, scenarioSha256, sha256 } from './hash.js';
export { checkBlocks } from './limits.js';
export { runReport, type RunReport } from './provenance.js';
