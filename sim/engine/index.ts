export { Engine, Priority, type EventHandle, type Handler, type RunOptions } from './engine.js';
export { EventQueue, before, type QueueEntry } from './queue.js';
export { rngStream, RngStreams, type Rng } from './rng.js';
