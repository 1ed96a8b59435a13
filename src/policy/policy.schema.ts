import { z } from 'zod';

export const OPERATIONS = ['collect', 'store', 'consult', 'modify', 'erase', 'export', 'disclose'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const RECORD_TYPES = ['subject', 'agreement', 'invoice', 'case', 'message', 'consent'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const ADMIN_CAPABILITIES = ['users', 'processing_log', 'registers', 'statement', 'outbox', 'holds', 'breaches', 'self_checks', 'legal_demands'] as const;
export type AdminCapability = (typeof ADMIN_CAPABILITIES)[number];

const text = z.strictObject({ nl: z.string().min(1), en: z.string().min(1) });
const dpvTerm = z.string().regex(/^dpv:[A-Za-z]+$/, 'must be a W3C DPV term such as dpv:Contract');
const categoryId = z.string().regex(/^user(\.[a-z_]+)+$/, 'must be a fideslang-style category such as user.contact.email');
const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _');
// ISO 8601 durations in whole years, months or days: P2Y, P7Y, P6M, P30D (a bare P names no period).
const isoPeriod = z.string().regex(/^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$/, 'must be an ISO 8601 period such as P2Y');

/** A company within a recipient category: who actually gets the data. */
const companySchema = z.strictObject({
  id,
  legalName: z.string().min(1),
  /** The number in the Dutch trade register (KvK), eight digits; required for a company in the Netherlands. */
  kvkNumber: z.string().regex(/^\d{8}$/, 'must be the eight digits of a KvK number').optional(),
  country: z.string().length(2),
  /** A processor (Art. 28) or an independent controller. */
  role: z.enum(['processor', 'controller']),
  transferMechanism: dpvTerm.optional(),
  contactEmail: z.email().optional(),
});

/** A policy file written before recipients could serve several purposes names one: `purpose: x` reads as `purposes: [x]`. */
function onePurposeAsList(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('purpose' in value) || 'purposes' in value) return value;
  const { purpose, ...rest } = value as Record<string, unknown>;
  return { ...rest, purposes: [purpose] };
}

export const policySchema = z.strictObject({
  version: z.literal(1),
  controller: z.strictObject({
    name: z.string().min(1),
    address: z.strictObject({
      street: z.string().min(1),
      postalCode: z.string().min(1),
      city: z.string().min(1),
      country: z.string().length(2),
    }),
    email: z.email(),
    // Art. 30(1)(a): the record names the DPO; a name is optional, the title and e-mail address reach the office.
    dpo: z.strictObject({ title: z.string().min(1), name: z.string().min(1).optional(), email: z.email() }),
    supervisoryAuthority: z.strictObject({ name: z.string().min(1), website: z.url() }),
  }),
  categories: z.record(categoryId, text),
  purposes: z.record(
    id,
    z.strictObject({
      name: text,
      /**
       * What kind of processing it is. `direct_marketing` makes an objection absolute (Art. 21(2)-(3)) and needs consent
       * or the soft opt-in for existing customers (Telecommunicatiewet art. 11.7 lid 2), whatever the purpose is called.
       */
      kind: z.enum(['service', 'direct_marketing']).default('service'),
      /** Direct marketing by e-mail to existing customers without consent (Telecommunicatiewet art. 11.7 lid 2). */
      softOptIn: z.boolean().optional(),
      legalBasis: dpvTerm,
      legalReference: z.string().min(1).optional(),
      /**
       * Under a legal obligation (Art. 6(1)(c), 6(3)): each provision and the categories it requires. A category
       * of the purpose that no provision requires has no legal basis here (the linter says so).
       */
      requiredBy: z.array(z.strictObject({ provision: z.string().min(1), categories: z.array(categoryId).min(1) })).min(1).optional(),
      categories: z.array(categoryId).min(1),
      /** Art. 13(1)(d): the interest pursued, said in plain words, for a purpose on a legitimate interest (Art. 6(1)(f)). */
      legitimateInterest: text.optional(),
      /** Said in plain words with the purpose in the statement: what changed, what is not processed and why. */
      note: text.optional(),
      /** Whose data this is, for the Art. 30 register; customers and their contacts when absent. */
      dataSubjects: text.optional(),
    }),
  ),
  // z.record over an enum requires every record type to be declared. P1: no record without a purpose; only
  // consent records may have none, in a policy where no processing rests on consent (Art. 6(1)(a)): then no
  // consent is recorded, and those recorded before are the customer's history (Policy.purposesOf).
  records: z
    .record(z.enum(RECORD_TYPES), z.strictObject({ purposes: z.array(id), categories: z.array(categoryId) }))
    .superRefine((records, ctx) => {
      for (const [type, record] of Object.entries(records)) {
        if (type === 'consent') continue;
        if (record.purposes.length === 0) ctx.addIssue({ code: 'custom', path: [type, 'purposes'], message: 'must name at least one purpose: no record without a purpose' });
        if (record.categories.length === 0) ctx.addIssue({ code: 'custom', path: [type, 'categories'], message: 'must name at least one data category' });
      }
    }),
  retention: z.array(
    z.strictObject({
      id,
      records: z.array(z.enum(RECORD_TYPES)).min(1),
      period: isoPeriod,
      from: z.string().min(1),
      /** Record types that follow this rule when linked to a record it covers (an agreement behind an invoice). */
      linked: z.array(z.enum(RECORD_TYPES)).optional(),
      legalObligation: z.string().min(1).optional(),
      reason: text,
    }),
  ),
  recipients: z.array(
    z.preprocess(
      onePurposeAsList,
      z.strictObject({
        id,
        /** The recipient category, as the statement names it ("Administratiekantoor"). */
        name: text,
        role: z.enum(['processor', 'controller', 'authority']),
        /** The purposes it serves; a storage provider serves every purpose whose data it keeps. */
        purposes: z.array(id).min(1),
        categories: z.array(categoryId).min(1),
        country: z.string().length(2),
        /** Outside the EEA: the transfer mechanism (dpv:StandardContractualClauses, dpv:AdequacyDecision, …). */
        transferMechanism: dpvTerm.optional(),
        contactEmail: z.email().optional(),
        noticePerDisclosure: z.boolean(),
        /** The companies of the category that actually receive the data (P9, Art. 13(1)(e)); the dpo adds more in the register. */
        companies: z.array(companySchema).optional(),
      }),
    ),
  ),
  storage: z.array(
    z.strictObject({
      id,
      provider: z.string().min(1),
      /** The recipient of the register that runs this location as our processor (Art. 28), its agreement tracked there. */
      processor: id.optional(),
      /** Where, in words of both languages; a single text is used for both. */
      region: z.preprocess((v) => (typeof v === 'string' ? { nl: v, en: v } : v), text),
      insideEea: z.boolean(),
      safeguard: dpvTerm.optional(),
    }),
  ),
  security: z.array(z.strictObject({ id, description: text })),
  roles: z.record(
    id,
    z.strictObject({
      description: z.string().min(1),
      may: z.array(
        z.strictObject({
          records: z.array(z.enum(RECORD_TYPES)).min(1),
          operations: z.array(z.enum(OPERATIONS)).min(1),
        }),
      ),
      administer: z.array(z.enum(ADMIN_CAPABILITIES)),
    }),
  ),
});

export type PolicyDocument = z.infer<typeof policySchema>;
