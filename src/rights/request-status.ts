import { REQUEST_STATUSES, type RequestStatus } from '../db/vocabulary.ts';

export { REQUEST_STATUSES, type RequestStatus } from '../db/vocabulary.ts';

/** What can happen to a request. */
export type RequestEvent =
  /** A code or link went to the contact details on file (EDPB 01/2022). */
  | 'send_code'
  /** The identity is proven: by the code, the link, knowledge of a reference, or a method staff record. */
  | 'verify'
  /** The dpo decided on a right (Art. 12(3)-(5)). */
  | 'decide'
  /** The answer went out: of a decided right, or of a question or complaint. */
  | 'answer'
  /** The access package is built and waits for the dpo's review before its link goes out (Art. 15(4)). */
  | 'await_release'
  /** The link to the access package went out: the person can have the data. */
  | 'release'
  /** The answer "we hold no data about you" went out to a person who is no customer. */
  | 'answer_no_data'
  | 'withdraw'
  | 'find_unverifiable'
  /** The deadline moves (Art. 12(3)); the status stays. */
  | 'extend';

/**
 * The status after an event, or null when the event makes no sense now (deciding before the identity is
 * proven, verifying twice, answering a right before deciding, anything after the request is closed).
 * `answersWithoutDecision`: questions and complaints are answered, not decided.
 */
export function nextStatus(status: RequestStatus, event: RequestEvent, answersWithoutDecision: boolean): RequestStatus | null {
  switch (status) {
    case 'received':
    case 'verification_sent':
      switch (event) {
        case 'send_code':
          return 'verification_sent';
        case 'verify':
          return 'verified';
        case 'answer':
          return answersWithoutDecision ? 'answered' : null;
        case 'answer_no_data':
          return 'answered';
        case 'withdraw':
          return 'withdrawn';
        case 'find_unverifiable':
          return 'unverifiable';
        case 'extend':
          return status;
        case 'decide':
        case 'await_release':
        case 'release':
          return null;
      }
      break;
    case 'verified':
      switch (event) {
        case 'decide':
          return answersWithoutDecision ? null : 'decided';
        case 'answer':
          return answersWithoutDecision ? 'answered' : null;
        case 'withdraw':
          return 'withdrawn';
        case 'extend':
          return status;
        case 'send_code':
        case 'verify':
        case 'answer_no_data':
        case 'find_unverifiable':
        case 'await_release':
        case 'release':
          return null;
      }
      break;
    case 'decided':
      switch (event) {
        case 'answer':
          return 'answered';
        case 'await_release':
          return answersWithoutDecision ? null : 'awaiting_release';
        case 'withdraw':
          return 'withdrawn';
        case 'extend':
          return status;
        case 'send_code':
        case 'verify':
        case 'decide':
        case 'answer_no_data':
        case 'find_unverifiable':
        case 'release':
          return null;
      }
      break;
    case 'awaiting_release':
      switch (event) {
        case 'release':
          return 'answered';
        // The dpo gave the data another way (no e-mail address to send a link to) and says so in the answer.
        case 'answer':
          return 'answered';
        case 'withdraw':
          return 'withdrawn';
        case 'extend':
          return status;
        case 'send_code':
        case 'verify':
        case 'decide':
        case 'await_release':
        case 'answer_no_data':
        case 'find_unverifiable':
          return null;
      }
      break;
    case 'answered':
    case 'withdrawn':
    case 'unverifiable':
      return null;
  }
  return null;
}

/** Whether the request still waits for something from us; only open requests can be overdue. */
export function isOpen(status: RequestStatus): boolean {
  switch (status) {
    case 'received':
    case 'verification_sent':
    case 'verified':
    case 'decided':
    case 'awaiting_release':
      return true;
    case 'answered':
    case 'withdrawn':
    case 'unverifiable':
      return false;
  }
}

export const OPEN_STATUSES: RequestStatus[] = REQUEST_STATUSES.filter(isOpen);

/** What someone who only knows the reference may see (no personal data, no hint of being a customer). */
export type PublicStage = 'received' | 'in_progress' | 'answered';

/**
 * The stage shown publicly. Until the identity is proven every request shows 'received', whatever happened
 * to it: a request for someone who is no customer is answered at once by mail, and showing that here would
 * tell whoever filed it, with anyone's address, whether that person is a customer.
 */
export function publicStage(status: RequestStatus, verified: boolean): PublicStage {
  if (!verified) return 'received';
  return isOpen(status) ? 'in_progress' : 'answered';
}

export const asStatus = (value: string): RequestStatus => {
  const found = REQUEST_STATUSES.find((s) => s === value);
  if (found === undefined) throw new Error(`Unknown request status ${value}`);
  return found;
};
