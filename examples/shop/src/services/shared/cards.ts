// Card rules of the demo payment processor: what a card number looks like, and whether a charge
// is approved, declined or hits an unavailable processor. Pure, so the odds are testable.
import { DECLINED_CARD } from "../../shop-contract.js";

/** 12 to 19 digits, like real PANs. Spaces and dashes are not accepted (clients strip them). */
export function isCardNumber(card: string): boolean {
  return /^\d{12,19}$/.test(card);
}

/** The Luhn checksum every real card number satisfies. */
export function passesLuhn(card: string): boolean {
  let sum = 0;
  for (let i = 0; i < card.length; i++) {
    let digit = card.charCodeAt(card.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Appends the check digit that makes `digits` pass Luhn (for generating test-like numbers). */
export function withLuhnCheckDigit(digits: string): string {
  for (let check = 0; check <= 9; check++) {
    if (passesLuhn(digits + check)) return digits + check;
  }
  throw new Error(`no Luhn check digit for ${digits}: expected digits only`);
}

/** The only part of a card number that may appear in logs and spans. */
export function lastFour(card: string): string {
  return card.slice(-4);
}

export type DeclineReason = "generic_decline" | "insufficient_funds" | "incorrect_number" | "do_not_honor";

export type ChargeDecision =
  | { outcome: "approved" }
  | { outcome: "declined"; reason: DeclineReason }
  | { outcome: "unavailable" };

export interface ChargeOdds {
  /** Share of otherwise good cards declined at random. */
  declineRate: number;
  /** Share of charges that find the processor unavailable (checked before the card). */
  unavailableRate: number;
}

const RANDOM_REASONS: readonly DeclineReason[] = ["insufficient_funds", "do_not_honor", "generic_decline"];

/**
 * Decides one charge. `random` returns numbers in [0, 1) (Math.random in the service). The
 * processor being unavailable comes first: it never sees the card. DECLINED_CARD is always
 * declined, a number failing Luhn is declined as incorrect, others with probability declineRate.
 */
export function decideCharge(card: string, odds: ChargeOdds, random: () => number = Math.random): ChargeDecision {
  if (random() < odds.unavailableRate) return { outcome: "unavailable" };
  if (card === DECLINED_CARD) return { outcome: "declined", reason: "generic_decline" };
  if (!passesLuhn(card)) return { outcome: "declined", reason: "incorrect_number" };
  if (random() < odds.declineRate) {
    return { outcome: "declined", reason: RANDOM_REASONS[Math.floor(random() * RANDOM_REASONS.length)] ?? "generic_decline" };
  }
  return { outcome: "approved" };
}
