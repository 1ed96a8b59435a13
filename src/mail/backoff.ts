/**
 * Waits between attempts to deliver a message: quick at first (a server restarting), then longer (a server
 * down for the night). After the attempt that follows the last wait, the message is given up as 'failed'.
 */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

/** When to try again after `attempts` failed attempts, or null when that was the last one. */
export function nextAttemptAt(attempts: number, now: Date, delays: readonly number[] = RETRY_DELAYS_MS): string | null {
  const delay = delays[attempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay).toISOString();
}

/** How many attempts a message gets in all. */
export const maxAttempts = (delays: readonly number[] = RETRY_DELAYS_MS): number => delays.length + 1;
