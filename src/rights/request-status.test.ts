import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, type RequestEvent, nextStatus, publicStage } from './request-status.ts';

const EVENTS: RequestEvent[] = [
  'send_code',
  'verify',
  'decide',
  'answer',
  'await_release',
  'release',
  'answer_no_data',
  'withdraw',
  'find_unverifiable',
  'extend',
];

describe('the request workflow', () => {
  it('walks a right from receipt to answer, and a question without a decision', () => {
    expect(nextStatus('received', 'send_code', false)).toBe('verification_sent');
    expect(nextStatus('verification_sent', 'verify', false)).toBe('verified');
    expect(nextStatus('verified', 'decide', false)).toBe('decided');
    expect(nextStatus('decided', 'answer', false)).toBe('answered');
    expect(nextStatus('verified', 'answer', true)).toBe('answered');
    expect(nextStatus('received', 'answer', true)).toBe('answered');
  });

  it('keeps a granted access open until the link to its package went out (Art. 12(3), 15)', () => {
    expect(nextStatus('decided', 'await_release', false)).toBe('awaiting_release');
    expect(nextStatus('awaiting_release', 'release', false)).toBe('answered');
    expect(nextStatus('awaiting_release', 'answer', false)).toBe('answered');
    expect(nextStatus('awaiting_release', 'extend', false)).toBe('awaiting_release');
    expect(nextStatus('awaiting_release', 'decide', false)).toBeNull();
    expect(nextStatus('verified', 'release', false)).toBeNull();
    expect(nextStatus('answered', 'release', false)).toBeNull();
    expect(publicStage('awaiting_release', true)).toBe('in_progress');
  });

  it('refuses what makes no sense: deciding unverified, verifying twice, answering a right before deciding, anything once closed', () => {
    expect(nextStatus('verification_sent', 'decide', false)).toBeNull();
    expect(nextStatus('verified', 'verify', false)).toBeNull();
    expect(nextStatus('verified', 'answer', false)).toBeNull();
    expect(nextStatus('verified', 'decide', true)).toBeNull();
    expect(nextStatus('verified', 'find_unverifiable', false)).toBeNull();
    for (const closed of ['answered', 'withdrawn', 'unverifiable'] as const) {
      for (const event of EVENTS) expect(nextStatus(closed, event, false), `${closed} ${event}`).toBeNull();
    }
  });

  it('keeps the status when the deadline is extended, while the request is open', () => {
    for (const status of REQUEST_STATUSES) {
      const next = nextStatus(status, 'extend', false);
      expect(next === null || next === status).toBe(true);
    }
  });

  it('shows the public only received until the identity is proven, whatever happened', () => {
    expect(publicStage('answered', false)).toBe('received');
    expect(publicStage('verification_sent', false)).toBe('received');
    expect(publicStage('decided', true)).toBe('in_progress');
    expect(publicStage('answered', true)).toBe('answered');
  });
});
