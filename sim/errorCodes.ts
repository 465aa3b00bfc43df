/**
 * The catalogues of error codes (STYLE §7: tests check the code, never the wording):
 *
 * - PROTOCOL_ERRORS: why an update, a contract call or a transaction was refused (`ProtocolError`,
 *   returned as a value: a refusal is a simulation result). A payment that fails says so with a
 *   failure reason (sim/reasons.ts), often the same word.
 * - INPUT_ERRORS: what is wrong with a scenario, an imported file, a flag or an output path
 *   (`ScenarioError`: one line, exit code 2).
 *
 * README's "Error codes" tables are generated from these (`npm run docs`); a test keeps them equal
 * and checks that every code listed is used somewhere.
 */

export const PROTOCOL_ERRORS = {
  // ── amounts and sheets ──
  'bad-amount': 'a payment or HTLC amount that is not a positive whole number of msat',
  'bad-deposit': 'a channel deposit that is not a positive whole number of msat',
  'amounts-mismatch': 'a balance sheet (or a settle or close) whose amounts do not sum to what the channel holds',
  'insufficient-balance': 'the payer (or an HTLC offerer) would fall below its reserve',
  'not-conserved': "a ledger version whose balances and locks do not add up to the ledger's funds",
  // ── who may act ──
  'not-a-party': 'the caller is not a party of the channel or contract',
  'not-attacker': 'only the party that cashed the commitment may withdraw its bond',
  'not-defender': "only the cashing party's counterparty may take the bond with a revocation proof",
  'not-payer': 'only the payer funds a one-way channel',
  'not-funder': 'only the named funder funds a swap lock',
  'not-recipient': 'only the named recipient may claim a swap lock with its preimage',
  'not-your-turn': 'a side moved out of turn in a two-party application',
  'payer-offline': 'the payer is offline or not answering: it signs nothing',
  'peer-offline': 'the counterparty is offline or not answering',
  // ── contract phases and time ──
  'wrong-state': 'the contract is not in the phase this call needs (e.g. fund on an open channel)',
  'wrong-phase': 'a ledger-channel call that its phase does not allow',
  'wrong-stage': 'an application move that its stage does not allow',
  'wrong-method': 'the call does not fit the commitment (cashHtlc on an RSMC commitment, or the reverse)',
  'channel-not-open': "the channel's deposits have not confirmed yet",
  'channel-closing': 'the channel is shutting down or closing: it takes no new update',
  'freeze-not-over': 'the bond is withdrawn before the freeze has ended',
  'freeze-over': "a penalty after the freeze ended: the bond is the casher's (virtual-bank rules)",
  'challenge-over': 'a dispute submitted after the challenge period ended',
  'too-early': 'a conclusion while the challenge period is still open',
  locked: "a one-way state settled before its relative lock lets it (older states wait longer)",
  'state-limit': 'a one-way channel has used every state its refund lock allows',
  'wrong-direction': 'a one-way channel pays only from its payer to its payee',
  'unknown-sequence': 'a broadcast of a sequence that was never signed',
  'not-newer': 'a dispute with a version no newer than the one registered',
  'not-final': 'an application state concluded at once while something is still at stake',
  'virtual-locked': 'a ledger version with a virtual channel locked in it cannot conclude at once',
  // ── signatures, locks, preimages ──
  'bad-signature': 'a signature (or revocation proof) that does not verify',
  'bad-revocation': 'a revocation secret that does not open the revoked commitment',
  'bad-commitment': 'an application commitment that is not a 32-byte hash',
  'wrong-opening': 'a (salt, choice) pair that does not open the commitment',
  'bad-guess': 'an application move outside its range',
  'bad-preimage': 'a preimage that opens none of the hash locks',
  'wrong-preimage': "a preimage that does not open the swap's hash lock",
  'bad-lock': 'a time lock that is not a positive whole number of blocks',
  'bad-freeze': 'a freeze (to_self_delay) that is not a positive whole number of blocks',
  'no-such-lock': 'a virtual-channel settlement for a lock the ledger version does not hold',
  'preimage-registered': 'an HTLC timeout after R was registered with the preimage manager in time: it pays the receiver',
  // ── HTLCs ──
  'unknown-htlc': 'no pending HTLC matches the hash lock or preimage',
  'duplicate-htlc': 'an HTLC with this hash lock is already pending in that direction',
  'too-many-htlcs': 'the direction already carries its maximum of HTLCs (maxHtlcs)',
  'in-flight-limit': 'the value in flight on the direction would exceed maxInFlight',
  'below-min-htlc': "the HTLC is smaller than the channel's minHtlc",
  'htlc-expired': 'an HTLC claimed with its preimage after its time lock passed',
  'htlc-not-expired': 'an HTLC timed out before its time lock passed',
  // ── contracts and their set-up ──
  'bad-id': 'a contract without an id',
  'bad-parties': 'a contract that needs two distinct parties',
  'bad-version': 'an application version that is not a whole number ≥ 0',
  'already-deposited': 'a party paid its deposit twice',
  'already-funded': 'a virtual or swap lock funded twice',
  'wrong-amount': 'a funding call that does not pay exactly the agreed amount',
  'wrong-deposit-amount': 'a one-way channel funded with other than the agreed deposit',
  'wrong-channel': 'a ledger version signed for another channel',
  'wrong-contract': 'a one-way state signed for another channel',
  'stake-too-large': 'a bet whose stake a side cannot cover',
  'bad-reward': "a watchtower's reward outside what the penalty takes",
  // ── transactions and the chain ──
  'unknown-contract': 'a call to a contract the chain does not know',
  'unknown-input': 'a transaction spending an output that does not exist',
  'input-spent': 'a transaction spending the same output twice',
  'amounts-do-not-balance': "a transaction's outputs are not whole msat ≥ 0, or exceed its inputs",
  'negative-fee': 'a fee that is not a whole number of msat ≥ 0',
  'bad-fee': 'a swap fee that is not whole msat within the locked amount',
  'unexpected-fee': 'a contract-paid fee on a call other than a penalty',
  'fee-exceeds-penalty': 'a penalty whose fee and reward exceed what it sweeps',
  'fee-without-call': 'a contract-paid fee on a transaction that calls no contract',
  'value-without-call': 'inputs exceed outputs and fee with no contract to receive the rest',
  'unexpected-value': 'value sent with a call that accepts none',
  'bad-weight': 'a transaction weight that is not a positive whole number',
  'no-such-channel': 'a scripted action names a channel that was never opened',
  'no-such-direction': 'a scripted policy change for a node that is not an end of the channel, or a channel without policies',
} as const;

export type ProtocolErrorCode = keyof typeof PROTOCOL_ERRORS;

export const INPUT_ERRORS = {
  // ── values ──
  'bad-value': 'a value of the wrong type or outside its allowed set',
  'missing-field': 'a required field is absent',
  'unknown-key': 'a key the scenario format does not have (a hint names the closest one)',
  'unused-field': 'a field that does not belong where it is (a hint names the right place)',
  'bad-amount': "not an amount such as '2000 sat' or '0.5 btc' (whole msat, ≥ 0)",
  'amount-too-large': 'an amount above 90,000 BTC, the safe limit of whole msat',
  'bad-range': 'a range whose minimum exceeds its maximum',
  'bad-deposit': 'channel deposits of the wrong shape or zero',
  'bad-channel': 'a channel on another chain that is not a two-party channel funded on that chain',
  'bad-duration': "not a duration such as '10m' or '2h'",
  'bad-blocks': "not a number of blocks such as '144 blocks'",
  'bad-rate': "not a rate such as '2/s' or '100/h'",
  'run-too-long': 'a run that would exceed the event or payment limits (the message says which)',
  // ── names ──
  'unknown-node': 'a node that no channel or agent names',
  'unknown-channel': 'a channel that the scenario does not define',
  'unknown-chain': 'a chain that `chains:` does not define',
  'duplicate-node': 'a node defined twice',
  'duplicate-channel': 'a channel defined twice',
  'duplicate-chain': 'a chain defined twice (or the default chain under chains:)',
  'duplicate-swap': 'two swaps with the same name',
  'duplicate-state-channel': 'two state channels with the same name',
  'duplicate-virtual-channel': 'two virtual channels with the same name',
  'channel-to-itself': 'a channel between a node and itself',
  'self-payment': 'a payment from a node to itself',
  'same-node': 'a two-party protocol given the same node twice',
  'same-chain': 'a cross-chain swap given the same chain twice',
  'not-a-party': 'an action by a node that is not a party of the channel',
  'channel-not-open': 'an action on a channel before the action that opens it',
  'channel-closed': 'an action on a channel after the action that closes it',
  'ledger-too-small': "a virtual channel's deposits exceed what its ledger channels hold",
  'stake-too-large': "a bet's stake exceeds a deposit",
  'bad-privacy': 'a privacy report that cannot be made: more hubs than nodes, k with a list, two coalitions of one name, or locks that do not shrink hop by hop',
  // ── files ──
  'bad-syntax': 'a file that does not parse (YAML or JSON), or holds aliases beyond the limit',
  'bad-import': 'an imported graph or workload file that is not the expected format',
  'bad-workload': 'an amounts file with the wrong columns or no amounts',
  'missing-file': 'a file that does not exist',
  'unreadable-file': 'a file that cannot be read',
  'not-a-file': 'a folder where a file is expected',
  'file-too-large': 'a file or amounts list above its size limit',
  'bad-output': 'an output path that cannot be written',
  // ── commands ──
  'bad-flag': 'a command-line flag with a bad value or in a bad combination',
  'bad-grid': 'a sweep grid that is malformed',
  'bad-sweep': 'a sweep folder that cannot be read or merged',
  'bad-shard': "not a shard such as '--shard 2/4'",
  'bad-queue': 'a queue URL that is not redis://host[:port][/db]',
  'queue-unreachable': 'no Redis server answers at the queue URL',
  'unknown-game': 'a game that does not exist',
  'unknown-parameter': "a game parameter the game does not have",
  'bad-parameter': 'a game parameter value outside its form',
  'unknown-report-field': 'an expect block or sweep metric naming a report field that does not exist',
} as const;

export type InputErrorCode = keyof typeof INPUT_ERRORS;

/** A catalogue as a README table. */
export function codesTable(codes: Readonly<Record<string, string>>): string {
  return ['| code | meaning |', '|---|---|', ...Object.entries(codes).map(([code, why]) => `| \`${code}\` | ${why} |`)].join('\n');
}
