// The words stored in status and kind columns, as unions the database types use (src/db/tables/): a row read
// from the database carries its vocabulary, so no code has to cast it. The features re-export what is theirs.

/** What a requester asks for: the rights of Art. 15-18, 20, 21 and 7(3), or a question or complaint. */
export const REQUEST_KINDS = [
  'access', // Art. 15
  'rectification', // Art. 16 (rectification and completion)
  'erasure', // Art. 17
  'restriction', // Art. 18
  'portability', // Art. 20
  'objection', // Art. 21
  'withdraw_consent', // Art. 7(3)
  'question',
  'complaint',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

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
