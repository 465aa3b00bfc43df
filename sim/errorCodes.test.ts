/**
 * The error-code catalogues: README's tables are generated from them, and every code listed is
 * one the code base can produce (the types make every code produced one that is listed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codesTable, INPUT_ERRORS, PROTOCOL_ERRORS } from './errorCodes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('errorCodes.ts'))
    .map((f) => readFileSync(join(root, dir, f), 'utf8'));
}

function readmeTable(name: string): string | undefined {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return readme.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0]?.trim();
}

describe('error codes', () => {
  const code = [...sources('sim'), ...sources('bin')].join('\n');

  it("README's tables are the catalogues' (npm run docs regenerates them)", () => {
    expect(readmeTable('protocol-errors')).toBe(codesTable(PROTOCOL_ERRORS));
    expect(readmeTable('input-errors')).toBe(codesTable(INPUT_ERRORS));
  });

  it('lists no code that nothing produces', () => {
    const unused = [...Object.keys(PROTOCOL_ERRORS), ...Object.keys(INPUT_ERRORS)].filter((c) => !code.includes(`'${c}'`));
    expect(unused).toEqual([]);
  });

  it('gives every code a meaning, and no code two', () => {
    for (const catalogue of [PROTOCOL_ERRORS, INPUT_ERRORS]) {
      for (const [c, meaning] of Object.entries(catalogue)) expect([c, meaning.length > 10]).toEqual([c, true]);
    }
    const meanings = Object.values(INPUT_ERRORS);
    expect(new Set(meanings).size).toBe(meanings.length);
  });
});
