/**
 * Balance probing (issue 19; Herrera-Joancomartí et al. 2019, "On the difficulty of hiding the
 * balance of Lightning Network channels"): an attacker learns how much one side of a channel can
 * send by paying the far end with a hash nobody knows. A probe that fits reaches the payee, who
 * cannot settle it and fails it (`unknown-payment`, BOLT #4 incorrect_or_unknown_payment_details);
 * one that does not is refused at the channel (`insufficient-balance`, temporary_channel_failure).
 * Nobody is paid and no fee is charged; only the failures' reasons travel back.
 *
 * Binary search over [0, capacity]: the largest sendable amount m lies in [low, high); each probe
 * of mid = low + ⌊(high − low)/2⌋ halves the interval, so ⌈log2(capacity / precision)⌉ probes
 * bring it within `precision` (exactly that many unless capacity / 2^k falls strictly between
 * precision and precision + 1 msat for some k).
 */
export interface ProbeSearch {
  readonly lowMsat: number;
  readonly highMsat: number;
  readonly probes: number;
}

/** The next amount to probe, or undefined once the interval is within `precisionMsat`. */
export function nextProbe(s: ProbeSearch, precisionMsat: number): number | undefined {
  const width = s.highMsat - s.lowMsat;
  return width <= precisionMsat ? undefined : s.lowMsat + Math.floor(width / 2);
}

/** What one probe of `amountMsat` says: it fitted (m ≥ amount) or not (m < amount). */
export function afterProbe(s: ProbeSearch, amountMsat: number, fitted: boolean): ProbeSearch {
  return { lowMsat: fitted ? amountMsat : s.lowMsat, highMsat: fitted ? s.highMsat : amountMsat, probes: s.probes + 1 };
}

/** The closed form: probes a binary search needs to bring [0, capacity] within `precision`. */
export function probesNeeded(capacityMsat: number, precisionMsat: number): number {
  return Math.max(0, Math.ceil(Math.log2(capacityMsat / precisionMsat) - 1e-12));
}

/**
 * Runs the search: `send` sends one probe and calls back with its failure reason; the next probe
 * leaves once the previous one is back. A probe that failed for another reason than the two the
 * search understands (a hop offline, a timeout) ends the search where it stands.
 */
export function probe(capacityMsat: number, precisionMsat: number, send: (amountMsat: number, back: (reason: string) => void) => void): void {
  const step = (s: ProbeSearch): void => {
    const amount = nextProbe(s, precisionMsat);
    if (amount === undefined) return;
    send(amount, (reason) => {
      if (reason !== 'unknown-payment' && reason !== 'insufficient-balance') return;
      step(afterProbe(s, amount, reason === 'unknown-payment'));
    });
  };
  step({ lowMsat: 0, highMsat: capacityMsat, probes: 0 });
}
