/**
 * The bundled teaching games, in the order `pcnsim list` shows them. Apart from index.ts so that
 * sim/sweep can name a game's measure without importing play.ts (which runs sweeps on sim/sweep).
 */
import { atomicSwap } from './atomicSwap.js';
import { lightningSwap } from './lightningSwap.js';
import { breach } from './breach.js';
import { censorship } from './censorship.js';
import type { Game } from './game.js';
import { htlcRace } from './htlcRace.js';
import { jamming } from './jamming.js';
import { malleability } from './malleability.js';
import { massExit } from './massExit.js';
import { offline } from './offline.js';
import { privacy } from './privacy.js';
import { probing } from './probing.js';
import { timeDilation } from './timeDilation.js';
import { wormhole } from './wormhole.js';

export const GAMES: readonly Game[] = [breach, offline, htlcRace, jamming, massExit, censorship, atomicSwap, lightningSwap, malleability, probing, wormhole, privacy, timeDilation];

export function findGame(name: string): Game | undefined {
  return GAMES.find((g) => g.name === name);
}
