import { z } from 'zod';
import { listPageSchema, listQuery } from '../shared/list.ts';

export const CUSTOMER_SORTS = ['name', 'reference', 'createdAt'] as const;
export const CUSTOMER_KINDS = ['person', 'organisation'] as const;

/** GET /api/customers: persons and organisations in one list; no `q` lists them all (issue 19). */
export const customerListQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(CUSTOMER_KINDS).optional(),
  purpose: z.string().max(50).optional(),
  ...listQuery(CUSTOMER_SORTS, 'name'),
});
export type CustomerListQuery = z.input<typeof customerListQuery>;

export const customerListItemSchema = z.object({
  kind: z.enum(CUSTOMER_KINDS),
  id: z.string(),
  reference: z.string(),
  /** A person's first and last name, or an organisation's name. */
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
});
export type CustomerListItem = z.infer<typeof customerListItemSchema>;

export const customerListSchema = listPageSchema(customerListItemSchema);
