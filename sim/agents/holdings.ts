/**
 * What a party holds in one channel, for node balances in the report: its side of the newest
 * sheet while the channel runs, its frozen bond while the contract audits; an HTLC not yet
 * resolved still counts as its offerer's. Pure accounting over the protocol and contract states.
 */
import { type Channel, htlcsOf, type HtlcTerm, type Side, type VirtualBank } from '../channel/index.js';

export function holdingsOf(channel: Channel, state: VirtualBank, side: Side): number {
  const offered = (htlcs: readonly HtlcTerm[]): number => htlcs.reduce((sum, h) => sum + (h.offerer === side ? h.amountMsat : 0), 0);
  switch (state.phase) {
    case 'Funding':
      return state.paid[side] ? state.deposits[side] : 0;
    case 'Running':
      return channel.balances[side] + offered(htlcsOf(channel));
    case 'Auditing':
      return (state.attacker === side ? state.bondMsat : 0) + offered(state.pending);
    case 'Closed':
      return 0;
  }
}
