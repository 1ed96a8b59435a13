import type { Guard } from '../guard/guard.ts';

/** Agreement records. (Being built: create, read, update through the guard.) */
export class AgreementService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }
}
