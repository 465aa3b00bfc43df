/** The bundled scenarios (`pcnsim list`): every .yaml/.yml/.json under `scenarios/`, sorted. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export interface CatalogEntry {
  readonly path: string;
  readonly description: string;
}

export function listScenarios(root: string): CatalogEntry[] {
  const dir = join(root, 'scenarios');
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(entry.name)) files.push(full);
    }
  };
  try {
    walk(dir);
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    let description = '';
    try {
      const data = parse(readFileSync(file, 'utf8')) as { description?: unknown };
      if (typeof data?.description === 'string') description = data.description;
    } catch {
      description = '(unreadable)';
    }
    return { path: relative(root, file), description };
  });
}
