import type { InvoiceLineInput } from './invoice.schema.ts';

/** A line with what the service computed from it. */
export interface ComputedLine extends InvoiceLineInput {
  position: number;
  amountCents: number;
  vatCents: number;
}

export interface InvoiceTotals {
  lines: ComputedLine[];
  totalExclCents: number;
  vatCents: number;
  totalInclCents: number;
}

/**
 * Computes every amount of an invoice from its lines: amount = quantity × unit price and VAT per line,
 * each rounded to the cent half away from zero, so a credit line is exactly the negative of the line it
 * corrects. Exact integer arithmetic: quantities have at most three decimals.
 */
export function computeTotals(input: readonly InvoiceLineInput[]): InvoiceTotals {
  const lines = input.map((line, i) => {
    const amountCents = divideRounded(BigInt(Math.round(line.quantity * 1000)) * BigInt(line.unitPriceCents), 1000n);
    const vatCents = divideRounded(amountCents * BigInt(line.vatRate), 100n);
    return { ...line, position: i + 1, amountCents: Number(amountCents), vatCents: Number(vatCents) };
  });
  const totalExclCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const vatCents = lines.reduce((sum, l) => sum + l.vatCents, 0);
  return { lines, totalExclCents, vatCents, totalInclCents: totalExclCents + vatCents };
}

/** n / d rounded half away from zero (commercial rounding), for d > 0. */
function divideRounded(n: bigint, d: bigint): bigint {
  const magnitude = n < 0n ? -n : n;
  const rounded = (magnitude * 2n + d) / (2n * d);
  return n < 0n ? -rounded : rounded;
}
