export { OnionCarrier, type Failure, type FailurePacket, type Packet, type PeelResult, type Sealed } from './carrier.js';
export { failureCode, type HopPayload, type ReadPayload } from './payload.js';
export { PACKET_BYTES, type OnionFormat } from './sphinx.js';
