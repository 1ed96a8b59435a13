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

/** Questions and complaints are not exercises of a right: staff may answer them, not only the dpo. */
export const isRight = (kind: RequestKind): boolean => kind !== 'question' && kind !== 'complaint';
