/**
 * A small seeded generator (sfc32), so the same seed and scale always give the same data set and a
 * 10k data set is the first 10k subjects of the 1M one. Math.random cannot be seeded.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private sequence = 0;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /**
   * A version-4-shaped UUID (the routes accept it like the app's randomUUID()) whose first eight hex digits
   * count up, as time-ordered ids (UUIDv7) do. Inserts then append to every index instead of landing at
   * random places, which makes loading a million subjects several times faster; a lookup by id costs the same.
   */
  uuid(): string {
    const a = ++this.sequence;
    const b = this.next();
    const c = this.next();
    const d = this.next();
    // Version 4 in the high nibble of the third group, variant 10xx in the high bits of the fourth.
    const bv = (b & 0xffff0fff) | 0x4000;
    const cv = ((c & 0x3fffffff) | 0x80000000) >>> 0;
    return `${hex32(a)}-${hex16(bv >>> 16)}-${hex16(bv)}-${hex16(cv >>> 16)}-${hex16(cv)}${hex32(d)}`;
  }
}

// Formatting ids is most of the generator's work; a byte-to-hex table makes it cheap.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number) => (HEX[(n >>> 8) & 0xff] ?? '') + (HEX[n & 0xff] ?? '');
const hex32 = (n: number) => hex16(n >>> 16) + hex16(n);
