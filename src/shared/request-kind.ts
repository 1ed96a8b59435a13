import type { RequestKind } from '../db/vocabulary.ts';

export { REQUEST_KINDS, type RequestKind } from '../db/vocabulary.ts';

/** Questions and complaints are not exercises of a right: staff may answer them, not only the dpo. */
export const isRight = (kind: RequestKind): boolean => kind !== 'question' && kind !== 'complaint';
