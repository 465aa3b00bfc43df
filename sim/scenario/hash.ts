/**
 * A resolved scenario's fingerprint: SHA-256 of its canonical JSON (sorted keys, functions by
 * their source), without where it was read from, so the same scenario hashes the same anywhere.
 * Reports carry it in their provenance; sweeps name each run's folder by it.
 */
import { createHash } from 'node:crypto';
import type { Scenario } from './resolve.js';

export function scenarioSha256(scenario: Scenario): string {
  const { file: _file, inputs: _inputs, warnings: _warnings, ...rest } = scenario;
  return sha256(canonical(rest));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys; functions (route weights) by their source text; maps as entry lists. */
export function canonical(value: unknown): string {
  const seen = (v: unknown): unknown => {
    if (typeof v === 'function') return `fn:${String(v)}`;
    if (v instanceof Map) return [...v.entries()].map(([k, x]) => [k, seen(x)]);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(seen);
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, seen((v as Record<string, unknown>)[k])]));
  };
  return JSON.stringify(seen(value));
}
