// The words stored in status and kind columns, as unions the database types use (src/db/tables/): a row read
// from the database carries its vocabulary, so no code has to cast it. The features re-export what is theirs.

// The kinds of request are defined in src/shared/, below the database: the retention rules and mail words
// below the features name them too.
export { REQUEST_KINDS, type RequestKind } from '../shared/request-kind.ts';

/**
 * Where a request stands. received → verification_sent → verified → decided → answered is the normal way;
 * a granted access waits in awaiting_release until the link to its package went out (Art. 12(3), 15(3): the
 * request is answered when the person can have the data, not when the decision was made); withdrawn (the person
 * took it back) and unverifiable (identity could not be established, Art. 11(2), 12(2) and 12(6)) also close it.
 */
export const REQUEST_STATUSES = [
  'received',
  'verification_sent',
  'verified',
  'decided',
  'awaiting_release',
  'answered',
  'withdrawn',
  'unverifiable',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** How a request came in. */
export const REQUEST_CHANNELS = ['portal', 'email', 'letter'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/** What was decided on a request. */
export const DECISIONS = ['granted', 'partly_granted', 'refused', 'manifestly_unfounded', 'excessive'] as const;
export type Decision = (typeof DECISIONS)[number];
