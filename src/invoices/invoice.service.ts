import type { Guard } from '../guard/guard.ts';

/** Invoice records. (Being built: create, read, update through the guard.) */
export class InvoiceService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }
}
