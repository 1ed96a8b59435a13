import { KluisError } from '../errors.ts';

// Refusals of these kinds are themselves worth a log entry: somebody tried to reach personal data.
// A disclosure to a party or of a category the register does not allow is one too (P8, src/disclosures/), and a
// file the virus scanner refused (src/scanner/): the entry names the file and the signature.
const DENIALS = new Set([
  'file_infected',
  'forbidden',
  'purpose_not_allowed',
  'restricted',
  'objected',
  'retention_hold',
  'recipient_unknown',
  'recipient_retired',
  'category_not_registered',
  'processor_agreement_missing',
  'processor_agreement_expired',
  'company_required',
  'company_unknown',
  'company_retired',
  'purpose_required',
  'purpose_not_registered',
  'recipient_is_storage',
]);
/** Whether an error is a refusal the log must record as `denied`. */
export const isDenial = (error: unknown): error is KluisError => error instanceof KluisError && DENIALS.has(error.code);
