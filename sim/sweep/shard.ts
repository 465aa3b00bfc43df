/**
 * Slices of a sweep for cluster schedulers: shard i of n takes every n-th run starting at the
 * i-th (round-robin, so heavy grid points spread over the shards); the n shards are disjoint and
 * together the whole sweep. Without `--shard`, Slurm job arrays (SLURM_ARRAY_TASK_ID, counted
 * from SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT) and Kubernetes Indexed Jobs
 * (JOB_COMPLETION_INDEX, from 0, of PCNSIM_SHARDS, since a pod is not told the completions count)
 * say which slice this is.
 */
import { printable, ScenarioError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

const FORM = 'i/n with 1 ≤ i ≤ n, e.g. 2/8';

export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(index >= 1 && count >= 1 && index <= count)) throw new ScenarioError('bad-shard', `'${printable(text.slice(0, 100))}': expected ${FORM}`, flag);
  return { index, count };
}

/** The shard the environment names, if any (a flag wins over it). */
export function shardFromEnv(env: NodeJS.ProcessEnv): Shard | undefined {
  const slurm = env.SLURM_ARRAY_TASK_ID;
  if (slurm !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    const min = Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
    return parseShard(`${Number(slurm) - min + 1}/${env.SLURM_ARRAY_TASK_COUNT}`, 'SLURM_ARRAY_TASK_ID');
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined) {
    if (env.PCNSIM_SHARDS === undefined) throw new ScenarioError('bad-shard', 'JOB_COMPLETION_INDEX is set but not PCNSIM_SHARDS; expected PCNSIM_SHARDS = the Job\'s completions', 'JOB_COMPLETION_INDEX');
    return parseShard(`${Number(k8s) + 1}/${env.PCNSIM_SHARDS}`, 'JOB_COMPLETION_INDEX');
  }
  return undefined;
}

export function inShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  return shard ? items.filter((_, k) => k % shard.count === shard.index - 1) : [...items];
}

export const shardText = (s: Shard): string => `${s.index}/${s.count}`;
