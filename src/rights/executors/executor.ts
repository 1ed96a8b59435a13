import type { Transaction } from 'kysely';
import type { DB, RightsRequestRow } from '../../db/types.ts';
import type { Actor } from '../../guard/actor.ts';
import type { RequestKind } from '../../shared/request-kind.ts';

/** Something the law makes us keep despite the request (Art. 17(3)), named in the answer letter. */
export interface KeptData {
  /** The category of data kept, in words the requester understands ("invoices"). */
  category: string;
  /** The legal ground, e.g. 'Art. 17(3)(b) AVG; AWR art. 52'. */
  ground: string;
  /** The day (YYYY-MM-DD) the data will be deleted, or null when not yet known (a legal hold). */
  until: string | null;
}

/** What carrying out a right did, for the answer letter (Art. 12(1): concise, intelligible). */
export interface ExecutionOutcome {
  /** One or a few sentences for the answer letter, in both languages; the letter picks the request's. */
  summary: { nl: string; en: string };
  /** What was kept; a non-empty list makes the answer a partial refusal in substance (Art. 17(3)). */
  kept: KeptData[];
  /**
   * The person does not have the data yet: an access package waits for the dpo's review, and the request stays
   * open (awaiting_release, counting against its deadline) until the link went out.
   */
  awaitsRelease?: boolean;
  /**
   * The legal ground of what was kept (Art. 17(3)), in the request's language; set whenever `kept` is not empty.
   * The decision is then recorded as partly granted with this ground, whatever the dpo chose (Art. 12(4)).
   */
  keptGround?: string;
  /**
   * What the request asked for does not exist here (a withdrawal of consent where no processing rests on consent):
   * the answer explains that, and does not open by saying the request was granted (Art. 12(1), 13(1)(c)).
   */
  nothingToDo?: boolean;
}

/**
 * Carries out a right (Art. 15-21, Art. 7(3)) once it is decided 'granted' or 'partly_granted'. Called by
 * the request service inside the decision's transaction, before the answer letter is enqueued, so the
 * execution, the decision and the letter commit or roll back together. Throw a KluisError to refuse; the
 * whole decision is then rolled back. The request passed is as decided: status 'decided', with its decision
 * ('granted' or 'partly_granted'), ground and motivation set; its identity was proven (verified_at is set),
 * and subject_id names the subject it was proven against, or is null for a requester we hold nothing on.
 */
export interface RightExecutor {
  execute(trx: Transaction<DB>, request: RightsRequestRow, actor: Actor): Promise<ExecutionOutcome>;
}

/** Executors by request kind; a kind without one is only recorded as decided. */
export type RightExecutors = Map<RequestKind, RightExecutor>;
