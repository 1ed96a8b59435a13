import { describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../../test/harness.ts';
import { loadPolicy } from '../policy/policy.ts';
import { nextAttemptAt, maxAttempts, RETRY_DELAYS_MS } from './backoff.ts';
import { letter } from './letters.ts';
import { formatMailbox, parseMailbox } from './mailbox.ts';
import { describeSmtpError } from './smtp-error.ts';

const policy = loadPolicy(POLICY_PATH);

describe('letters', () => {
  it('ends every Dutch letter with the controller and the DPO from the policy (P16)', () => {
    const l = letter(policy, 'nl', { title: 'Uw verzoek', paragraphs: ['Wij hebben uw verzoek ontvangen.'] });
    expect(l.title).toBe('Uw verzoek');
    expect(l.text).toBe(
      [
        'Geachte heer, mevrouw,',
        'Wij hebben uw verzoek ontvangen.',
        'Met vriendelijke groet,\nSen ICT',
        '-- \nSen ICT\nKetjapweg 40, 3541 RH Utrecht\nsecurity@senict.nl\nFunctionaris voor de Gegevensbescherming: security@senict.nl',
      ].join('\n\n'),
    );
    expect(l.html).toContain('<html lang="nl">');
    expect(l.html).toContain('<a href="mailto:security@senict.nl">security@senict.nl</a>');
  });

  it('writes the English letter with the country and the DPO title explained', () => {
    const l = letter(policy, 'en', { title: 'Your request', salutation: 'Dear Ms Smith,', paragraphs: ['We received your request.'] });
    expect(l.text.startsWith('Dear Ms Smith,\n\nWe received your request.\n\nKind regards,\nSen ICT')).toBe(true);
    expect(l.text).toContain('Ketjapweg 40, 3541 RH Utrecht, Netherlands');
    expect(l.text).toContain('Data protection officer (Functionaris voor de Gegevensbescherming): security@senict.nl');
  });

  it('renders lists, links and codes in both versions, and can leave the salutation out', () => {
    const l = letter(policy, 'nl', {
      title: 'Code',
      salutation: null,
      paragraphs: [{ code: '123456' }, { list: ['facturen: AWR art. 52', 'offertes'] }, { link: 'https://kluis.senict.nl/v/abc', label: 'Bevestig' }],
    });
    expect(l.text.startsWith('    123456\n\n- facturen: AWR art. 52\n- offertes\n\nBevestig:\nhttps://kluis.senict.nl/v/abc')).toBe(true);
    expect(l.html).not.toContain('Geachte');
    expect(l.html).toContain('<strong>123456</strong>');
    expect(l.html).toContain('<ul><li>facturen: AWR art. 52</li><li>offertes</li></ul>');
    expect(l.html).toContain('<a href="https://kluis.senict.nl/v/abc">Bevestig</a>');
  });

  it('escapes everything a caller puts in the HTML, and never links a script', () => {
    const l = letter(policy, 'en', {
      title: '<b>hi</b>',
      salutation: 'Dear "Bobby" <script>',
      paragraphs: ['a & b <img src=x onerror=alert(1)>\nnext line', { list: ['<i>x</i>'] }, { link: 'javascript:alert(1)', label: 'click' }, { code: '<1>' }],
    });
    expect(l.html).not.toMatch(/<(script|img|i|b)[ >]/);
    expect(l.html).toContain('&lt;img src=x onerror=alert(1)&gt;<br>next line');
    expect(l.html).toContain('Dear &quot;Bobby&quot; &lt;script&gt;');
    expect(l.html).not.toContain('href="javascript');
    expect(l.text).toContain('a & b <img src=x onerror=alert(1)>');
  });
});

describe('mailboxes', () => {
  it('reads a bare address and a named one, and refuses what is neither', () => {
    expect(parseMailbox('security@senict.nl')).toEqual({ address: 'security@senict.nl' });
    expect(parseMailbox('"Sen ICT" <security@senict.nl>')).toEqual({ name: 'Sen ICT', address: 'security@senict.nl' });
    expect(parseMailbox('Sen ICT <security@senict.nl>')).toEqual({ name: 'Sen ICT', address: 'security@senict.nl' });
    expect(parseMailbox('<security@senict.nl>')).toEqual({ address: 'security@senict.nl' });
    for (const bad of ['Sen ICT', 'a@b.nl, c@d.nl', '"Sen" <not an address>', '<a@b.nl> trailing', 'x\r\nBcc: a@b.nl <a@b.nl>']) expect(parseMailbox(bad), bad).toBeNull();
  });

  it('writes a name with quotes safely', () => {
    expect(formatMailbox({ name: 'Sen "ICT"', address: 'a@b.nl' })).toBe('"Sen \\"ICT\\"" <a@b.nl>');
    expect(parseMailbox(formatMailbox({ name: 'Sen "ICT"', address: 'a@b.nl' }))).toEqual({ name: 'Sen "ICT"', address: 'a@b.nl' });
  });
});

describe('retries', () => {
  it('waits 1 min, 5 min, 30 min, 2 h and 12 h, then gives up', () => {
    const now = new Date('2026-11-25T12:00:00.000Z');
    expect([1, 2, 3, 4, 5].map((n) => nextAttemptAt(n, now))).toEqual([
      '2026-11-25T12:01:00.000Z',
      '2026-11-25T12:05:00.000Z',
      '2026-11-25T12:30:00.000Z',
      '2026-11-25T14:00:00.000Z',
      '2026-11-26T00:00:00.000Z',
    ]);
    expect(nextAttemptAt(6, now)).toBeNull();
    expect(maxAttempts()).toBe(RETRY_DELAYS_MS.length + 1);
  });

  it('keeps one line of an SMTP error, without the stack, and knows a refused recipient', () => {
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 mailbox unavailable"), { code: 'EENVELOPE', responseCode: 550 });
    expect(describeSmtpError(refused)).toEqual({ message: "EENVELOPE 550: Can't send mail - all recipients were rejected: 550 mailbox unavailable", permanent: true });
    expect(describeSmtpError(Object.assign(new Error('busy'), { code: 'EENVELOPE', responseCode: 451 })).permanent).toBe(false);
    const down = describeSmtpError(Object.assign(new Error('connect ECONNREFUSED\n    at x'), { code: 'ESOCKET' }));
    expect(down).toEqual({ message: 'ESOCKET: connect ECONNREFUSED at x', permanent: false });
    expect(describeSmtpError(new Error('x'.repeat(2000))).message.length).toBe(500);
  });
});
