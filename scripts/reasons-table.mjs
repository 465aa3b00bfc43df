// Writes README's "Failure reasons" table from the catalogue in sim/reasons.ts (run by `npm run docs`).
import { readFileSync, writeFileSync } from 'node:fs';
import { failureReasonsTable } from '../dist/sim/reasons.js';

const START = '<!-- failure-reasons:start -->';
const END = '<!-- failure-reasons:end -->';
const readme = readFileSync('README.md', 'utf8');
const [before, rest] = readme.split(START);
const after = rest.split(END)[1];
writeFileSync('README.md', `${before}${START}\n${failureReasonsTable()}\n${END}${after}`);
