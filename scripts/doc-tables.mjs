// Writes README's generated tables (run by `npm run docs`): failure reasons from sim/reasons.ts,
// protocol and input error codes from sim/errorCodes.ts. Tests keep README equal to these.
import { readFileSync, writeFileSync } from 'node:fs';
import { codesTable, INPUT_ERRORS, PROTOCOL_ERRORS } from '../dist/sim/errorCodes.js';
import { failureReasonsTable } from '../dist/sim/reasons.js';

const TABLES = {
  'failure-reasons': failureReasonsTable(),
  'protocol-errors': codesTable(PROTOCOL_ERRORS),
  'input-errors': codesTable(INPUT_ERRORS),
};

let readme = readFileSync('README.md', 'utf8');
for (const [name, table] of Object.entries(TABLES)) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const [before, rest] = readme.split(start);
  if (rest === undefined) throw new Error(`README.md has no ${start} marker`);
  readme = `${before}${start}\n${table}\n${end}${rest.split(end)[1]}`;
}
writeFileSync('README.md', readme);
