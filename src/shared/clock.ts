/**
 * The one clock of Kluis. Services and the guard's processings read the time from a clock they are given,
 * never from `new Date()` inline: tests fix the day, and `kluis retention forecast --as-of` shows a chosen one.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock: what runs in production. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still at a moment until a test (or `--as-of`) moves it. */
export class FixedClock implements Clock {
  private at: number;

  constructor(at: Date | string) {
    this.at = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.at);
  }

  /** Moves the clock to a moment. */
  set(at: Date | string): void {
    this.at = new Date(at).getTime();
  }

  /** Moves the clock forward by a number of milliseconds. */
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A clock that stands still at `at` (a test's day, an `--as-of` date). */
export const fixedClock = (at: Date | string): FixedClock => new FixedClock(at);

/** The clock's moment as an ISO timestamp, the form the database stores. */
export const isoNow = (clock: Clock): string => clock.now().toISOString();

// The day of a clock is the business day, where Sen ICT works: businessToday(clock.now()) (shared/business-day.ts).
