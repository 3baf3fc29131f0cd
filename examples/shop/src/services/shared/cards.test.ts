import { describe, expect, it } from "vitest";
import { DECLINED_CARD, GOOD_CARD } from "../../shop-contract.js";
import { decideCharge, isCardNumber, lastFour, passesLuhn, withLuhnCheckDigit } from "./cards.js";

/** A deterministic random source replaying `values` in order. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => {
    const value = values[i++];
    if (value === undefined) throw new Error("the rule drew more random numbers than the test expected");
    return value;
  };
}

describe("card rules", () => {
  it("recognises card numbers and their Luhn checksum", () => {
    expect(isCardNumber(GOOD_CARD)).toBe(true);
    expect(isCardNumber("4242 4242 4242 4242")).toBe(false);
    expect(isCardNumber("12345")).toBe(false);
    expect(passesLuhn(GOOD_CARD)).toBe(true);
    expect(passesLuhn(DECLINED_CARD)).toBe(true);
    expect(passesLuhn("5555555555554444")).toBe(true);
    expect(passesLuhn("4242424242424241")).toBe(false);
    expect(lastFour(GOOD_CARD)).toBe("4242");
    expect(withLuhnCheckDigit("424242424242424")).toBe(GOOD_CARD);
    expect(withLuhnCheckDigit("400000000000000")).toBe(DECLINED_CARD);
  });

  it("always declines DECLINED_CARD, even with declineRate 0", () => {
    expect(decideCharge(DECLINED_CARD, { declineRate: 0, unavailableRate: 0 }, sequence(0.99))).toEqual({
      outcome: "declined",
      reason: "generic_decline",
    });
  });

  it("approves a good card unless the random decline hits", () => {
    const odds = { declineRate: 0.1, unavailableRate: 0.05 };
    expect(decideCharge(GOOD_CARD, odds, sequence(0.5, 0.1))).toEqual({ outcome: "approved" });
    expect(decideCharge(GOOD_CARD, odds, sequence(0.5, 0.09, 0))).toEqual({ outcome: "declined", reason: "insufficient_funds" });
  });

  it("finds the processor unavailable before looking at the card", () => {
    const odds = { declineRate: 0, unavailableRate: 0.05 };
    expect(decideCharge(DECLINED_CARD, odds, sequence(0.04))).toEqual({ outcome: "unavailable" });
    expect(decideCharge(GOOD_CARD, { declineRate: 0, unavailableRate: 1 }, sequence(0.999))).toEqual({ outcome: "unavailable" });
  });

  it("declines a number failing Luhn as incorrect", () => {
    expect(decideCharge("4242424242424241", { declineRate: 0, unavailableRate: 0 }, sequence(0.5))).toEqual({
      outcome: "declined",
      reason: "incorrect_number",
    });
  });

  it("declines at about declineRate over many charges", () => {
    const odds = { declineRate: 0.2, unavailableRate: 0 };
    let declined = 0;
    for (let i = 0; i < 20_000; i++) if (decideCharge(GOOD_CARD, odds).outcome === "declined") declined++;
    // Binomial(20 000, 0.2): σ ≈ 57, so ±400 is beyond 7σ.
    expect(declined).toBeGreaterThan(3_600);
    expect(declined).toBeLessThan(4_400);
  });
});
