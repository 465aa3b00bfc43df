/**
 * A 5-hop payment's onion, as the simulation carries it: every hop reads exactly the payload the
 * payer meant for it (amount to forward, outgoing CLTV, next channel; the payee its payment
 * secret and total), in full crypto and in lazy mode alike; a tampered packet fails at the next
 * hop; a failure anywhere reaches the payer naming the failing hop.
 */
import { OnionCarrier, type Packet } from './carrier.js';
import { failureCode, shortChannelId, type HopPayload } from './payload.js';
import { toHex } from '../crypto/index.js';
import type { OnionFormat } from './sphinx.js';

const nodes = ['bob', 'carol', 'dave', 'erin', 'frank'];
const channels = ['alice-bob', 'bob-carol', 'carol-dave', 'dave-erin', 'erin-frank'];
const hash = 'ab'.repeat(32);
const secret = 'cd'.repeat(32);
// Hop i's receiver forwards 1,000 sat less 1 sat per hop still ahead, 40 blocks of delta each.
const payloads: HopPayload[] = nodes.map((_, i) =>
  i < 4 ? { amountMsat: 1_000_000 + (3 - i) * 1000, outgoingCltv: 818 - 40 * i, nextChannel: channels[i + 1]! } : { amountMsat: 1_000_000, outgoingCltv: 718, paymentSecret: secret, totalMsat: 3_000_000 },
);

function peelAll(carrier: OnionCarrier, packet: Packet): unknown[] {
  const seen: unknown[] = [];
  let current: Packet | undefined = packet;
  for (const node of nodes) {
    const peeled = carrier.peel(node, current!, hash);
    if (!peeled.ok) throw new Error(`${node}: ${peeled.reason}`);
    seen.push(peeled.payload);
    current = peeled.next;
  }
  expect(current).toBeUndefined();
  return seen;
}

describe.each<OnionFormat>(['tlv', 'legacy'])('%s payloads', (format) => {
  const full = new OnionCarrier('full', 7, format);
  const lazy = new OnionCarrier('lazy', 7, format);

  test('every hop reads its own payload, the same in full and lazy mode', () => {
    const seenFull = peelAll(full, full.wrap('p1/1', nodes, payloads, hash).packet);
    const seenLazy = peelAll(lazy, lazy.wrap('p1/1', nodes, payloads, hash).packet);
    expect(seenFull).toEqual(seenLazy);
    expect(seenFull[0]).toMatchObject({ amountMsat: 1_003_000, outgoingCltv: 818 });
    expect(seenFull[3]).toMatchObject({ amountMsat: 1_000_000, outgoingCltv: 698 });
    // Only tlv payloads have room for the payment secret and the total of a multi-part payment.
    expect(seenFull[4]).toEqual(format === 'tlv' ? { amountMsat: 1_000_000, outgoingCltv: 718, paymentSecret: secret, totalMsat: 3_000_000 } : { amountMsat: 1_000_000, outgoingCltv: 718 });
  });

  test('a packet tampered on its way to carol fails at carol, and nobody else can read it', () => {
    const sealed = full.wrap('p1/1', nodes, payloads, hash);
    const atBob = full.peel('bob', sealed.packet, hash);
    if (!atBob.ok || atBob.next?.kind !== 'full') throw new Error('bob could not peel');
    const routingInfo = Uint8Array.from(atBob.next.bytes.routingInfo);
    routingInfo[10]! ^= 0xff;
    expect(full.peel('carol', { kind: 'full', bytes: { ...atBob.next.bytes, routingInfo } }, hash)).toEqual({ ok: false, reason: 'bad-onion' });
    expect(full.peel('dave', atBob.next, hash)).toEqual({ ok: false, reason: 'bad-onion' });
  });

  test('a failure at any hop reaches the payer naming that hop, the same in both modes', () => {
    for (let hop = 0; hop < 5; hop++) {
      const sealedFull = full.wrap('p1/2', nodes, payloads, hash);
      const sealedLazy = lazy.wrap('p1/2', nodes, payloads, hash);
      const expected = { hop, code: failureCode('fee-rejected'), amountMsat: 1_002_000, reason: 'fee-rejected' };
      expect(full.read(sealedFull, full.fail(sealedFull, hop, 'fee-rejected', 1_002_000))).toEqual(expected);
      expect(lazy.read(sealedLazy, lazy.fail(sealedLazy, hop, 'fee-rejected', 1_002_000))).toEqual(expected);
    }
    expect(failureCode('fee-rejected')).toBe(0x100c);
    expect(failureCode('no-balance')).toBe(0x1007);
  });
});

describe('short channel ids', () => {
  it('are the hex of the 8-byte id, the same on every ask (hashed once per carrier)', () => {
    const carrier = new OnionCarrier('lazy', 1);
    for (const id of ['alice-bob', '624000:1:0', 'x']) {
      expect(carrier.shortIdHex(id)).toBe(toHex(shortChannelId(id)));
      expect(carrier.shortIdHex(id)).toHaveLength(16);
    }
    expect(carrier.shortIdHex('a')).not.toBe(carrier.shortIdHex('b'));
  });
});
