/** Who performs an operation. Every mutation takes one, so the processing log always knows who. */
export interface Actor {
  kind: 'user' | 'cli' | 'system' | 'token';
  /** A user id, the operating-system user of the CLI, the name of a scheduled job, or an API token's id. */
  id: string;
  /** A role of the policy; decides what the guard allows. */
  role: string;
}

/**
 * The CLI runs with the rights of the dpo: whoever can run it on the server can read the database file
 * anyway, so a lesser role would protect nothing. The operating-system user is logged as the actor.
 */
export function cliActor(): Actor {
  return { kind: 'cli', id: process.env.USER ?? process.env.LOGNAME ?? 'unknown', role: 'dpo' };
}

/** How an actor is named in a record it leaves: `user:<id>`, `system:<job>`, … */
export const actorRef = (actor: Actor): string => `${actor.kind}:${actor.id}`;
