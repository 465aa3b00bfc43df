export { buildGraph, directionCapacity, edgeKey, forwardingFee, type ChannelEdge, type EdgeAttributes, type PaymentGraph, type Policy } from './graph.js';
export { computeHops, totalFees, type Hop, type HopOptions, type HtlcStyle, type PathEdge } from './hops.js';
export { feeAndLockRisk, findRoute, withSuccessProbability, type Route, type RouteQuery, type Weight } from './findRoute.js';
export { searchStats, type SearchStats } from './searchStats.js';
export { DEFAULT_MISSION_CONTROL, MissionControl, type MissionControlOptions } from './missionControl.js';
export { referenceRoute } from './reference.js';
