export { OnionCarrier, type Failure, type FailurePacket, type Packet, type PeelResult, type Sealed } from './carrier.js';
export { failureCode, shortChannelId, type HopPayload, type ReadPayload } from './payload.js';
export { PACKET_BYTES, type OnionFormat } from './sphinx.js';
