/** The base and VAT of each rate of an invoice, highest rate first (art. 35a lid 1 Wet OB: amounts per rate). */
export interface VatPerRate {
  rate: number;
  baseCents: number;
  vatCents: number;
}

/**
 * Per rate: the sum of the line amounts and the sum of the lines' VAT, each line's VAT rounded half away from
 * zero as computeTotals does, so the rates add up to the invoice's VAT exactly.
 */
export function computeVatPerRate(lines: readonly { vat_rate: number; amount_cents: number }[]): VatPerRate[] {
  const rates = [...new Set(lines.map((l) => l.vat_rate))].sort((a, b) => b - a);
  return rates.map((rate) => {
    const of = lines.filter((l) => l.vat_rate === rate);
    return {
      rate,
      baseCents: of.reduce((s, l) => s + Number(l.amount_cents), 0),
      vatCents: of.reduce((s, l) => s + lineVat(Number(l.amount_cents), rate), 0),
    };
  });
}

/** A line's VAT in cents, rounded half away from zero. */
export function lineVat(amountCents: number, rate: number): number {
  const magnitude = Math.floor((Math.abs(amountCents) * rate * 2 + 100) / 200);
  return amountCents < 0 ? -magnitude : magnitude;
}
