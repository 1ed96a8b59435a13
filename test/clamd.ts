import { inject } from 'vitest';

export { type TestClamd, type TestClamdOptions, startStandInClamd, startTestClamd } from './clamd-server.ts';

/** Whether this run has clamd (test/prerequisites.ts); its tests are skipped with one line when it has not. */
export const HAS_CLAMD = inject('prerequisites').clamd;
