import { describe, expect, it } from 'vitest';
import { type ChainedEntry, entryHash, GENESIS_HASH } from './chain.ts';

const entry: ChainedEntry = {
  seq: 1,
  at: '2026-11-25T10:00:00.000Z',
  actor_kind: 'user',
  actor_id: 'u1',
  actor_role: 'staff',
  operation: 'consult',
  purpose: 'contract',
  record_type: 'subject',
  subject_ids: '["s1"]',
  records: '["subject:s1"]',
  outcome: 'allowed',
  reason: null,
};

describe('entryHash', () => {
  it('is a stable SHA-256 of the previous hash and the entry', () => {
    expect(entryHash(GENESIS_HASH, entry)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, entry)).toBe(entryHash(GENESIS_HASH, { ...entry }));
  });

  it('changes when any field or the previous hash changes', () => {
    const base = entryHash(GENESIS_HASH, entry);
    for (const key of Object.keys(entry) as (keyof ChainedEntry)[]) {
      const changed = { ...entry, [key]: key === 'seq' ? 2 : `${String(entry[key])}x` };
      expect(entryHash(GENESIS_HASH, changed), key).not.toBe(base);
    }
    expect(entryHash('f'.repeat(64), entry)).not.toBe(base);
  });

  it('cannot be fooled by moving text between fields', () => {
    const a = entryHash(GENESIS_HASH, { ...entry, actor_id: 'ab', actor_role: 'c' });
    const b = entryHash(GENESIS_HASH, { ...entry, actor_id: 'a', actor_role: 'bc' });
    expect(a).not.toBe(b);
  });
});
