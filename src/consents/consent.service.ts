import type { Guard } from '../guard/guard.ts';

/** Consent records. (Being built: create, read, update through the guard.) */
export class ConsentService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }
}
