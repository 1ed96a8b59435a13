import type { Guard } from '../guard/guard.ts';

/** Case records. (Being built: create, read, update through the guard.) */
export class CaseService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }
}
