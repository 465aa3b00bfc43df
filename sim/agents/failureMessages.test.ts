/**
 * Failures from the payee travel back as error onions like any hop's (BOLT #4): the payer reads
 * the failing node's position and its code — incorrect_or_unknown_payment_details for a hash the
 * payee never drew or a jammer's hold, mpp_timeout for a set that did not fill — and mission
 * control learns, as lnd's does, that every hop up to the payee carried the amount.
 */
import { OnionCarrier } from '../onion/index.js';
import { DEFAULT_MISSION_CONTROL, MissionControl, type Hop } from '../router/index.js';
import { simulate } from '../testing/world.js';
import { failureFrom, learnFailure } from './failureMessages.js';

const hash = 'ab'.repeat(32);
const route = ['bob', 'dave'];
const payloads = [
  { amountMsat: 10_000, outgoingCltv: 118, nextChannel: 'bob-dave' },
  { amountMsat: 10_000, outgoingCltv: 118, paymentSecret: 'cd'.repeat(32), totalMsat: 10_000 },
];
const hops: Hop[] = [
  { channelId: 'alice-bob', from: 'alice', to: 'bob', amountMsat: 12_000, feeMsat: 2_000, expiryHeight: 158 },
  { channelId: 'bob-dave', from: 'bob', to: 'dave', amountMsat: 10_000, feeMsat: 0, expiryHeight: 118 },
];

describe.each(['full', 'lazy'] as const)('the payee’s failure as the payer reads it (%s onions)', (mode) => {
  const onion = new OnionCarrier(mode, 3);
  it.each([
    ['unknown-payment', 0x400f], // incorrect_or_unknown_payment_details (PERM | 15)
    ['held', 0x400f],
    ['mpp-timeout', 0x0017], // mpp_timeout (23)
  ])('%s: from the payee, position 1 of the route, code %i', (reason, code) => {
    const sealed = onion.wrap('p/1', route, payloads, hash);
    expect(failureFrom(onion, sealed, hops.length, reason, 10_000)).toEqual({ hop: 1, code, amountMsat: 10_000, reason });
  });
});

describe('what mission control learns from where a failure came from', () => {
  const at = (mc: MissionControl, channelId: string, from: string): number => mc.probability('alice', channelId, from, 10_000, 1_000);

  it('from the payee: every hop after the payer’s own carried the amount; no channel is blamed', () => {
    const mc = new MissionControl(DEFAULT_MISSION_CONTROL);
    learnFailure(mc, 'alice', hops, hops.length, 'held', 0, 1_000);
    expect(at(mc, 'bob-dave', 'bob')).toBe(0.95);
    expect(at(mc, 'alice-bob', 'alice')).toBe(0.6); // the payer's own channel: it knows its balance
  });

  it('from bob for lack of balance: bob→dave cannot carry it (probability 0 just after)', () => {
    const mc = new MissionControl(DEFAULT_MISSION_CONTROL);
    learnFailure(mc, 'alice', hops, 1, 'insufficient-balance', 10_000, 1_000);
    expect(at(mc, 'bob-dave', 'bob')).toBe(0);
  });
});

/**
 * Dave holds every HTLC paid to him for a minute, then fails it (a jammer). Alice's cheaper route
 * is through Carol (no fee; Bob charges 2 sat). Carol is not answering at the first payment, so it
 * goes through Bob, and Dave's failure comes back to Alice as an error onion. With mission control
 * Alice learned that bob→dave carries 10 sat (0.95 against the a-priori 0.6 for carol→dave: the
 * attempt cost, 100 sat per unit of −log p, is worth 46 sat, more than Bob's 2 sat fee), so her
 * second payment goes through Bob; without it, through Carol. Before failures from the payee
 * travelled as error onions, mission control learned nothing from them and both went via Carol.
 */
function jammedDiamond(missionControl: boolean) {
  const sim = simulate({
    crypto: 'lazy',
    channels: [
      { between: ['alice', 'bob'], deposit: [100, 100] },
      { between: ['bob', 'dave'], deposit: [100, 100], policy: { feeBase: 2 } },
      { between: ['alice', 'carol'], deposit: [100, 100] },
      { between: ['carol', 'dave'], deposit: [100, 100], policy: { feeBase: 0 } },
    ],
    receivers: { dave: { kind: 'jammer', holdMs: 60_000 } },
    multiHop: missionControl ? { missionControl: DEFAULT_MISSION_CONTROL } : {},
  });
  sim.mineBlocks(3);
  sim.unresponsive('carol', 1);
  sim.send('alice', 'dave', 10);
  sim.runFor(120_000);
  sim.mineBlocks(1);
  sim.send('alice', 'dave', 10);
  sim.runFor(120_000);
  // A failed payment reports no route: the HTLCs offered say which way each went.
  const routes = sim.events('htlc-add').map((e) => e.channel);
  return { payments: sim.network.payments.map((p) => ({ status: p.status, reason: p.reason, attempts: p.attempts })), routes };
}

describe('a jammer’s failure teaches the payer', () => {
  it('with mission control the second payment takes the route the first one was carried along', () => {
    expect(jammedDiamond(true)).toEqual({
      payments: [
        { status: 'failed', reason: 'held', attempts: 2 },
        { status: 'failed', reason: 'held', attempts: 1 },
      ],
      routes: ['alice-bob', 'bob-dave', 'alice-bob', 'bob-dave'],
    });
  });

  it('without it the second payment takes the cheaper route it knows nothing of', () => {
    expect(jammedDiamond(false).routes).toEqual(['alice-bob', 'bob-dave', 'alice-carol', 'carol-dave']);
  });
});
