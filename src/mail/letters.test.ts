import { describe, expect, it } from 'vitest';
import { POLICY_PATH } from '../../test/harness.ts';
import { loadPolicy } from '../policy/policy.ts';
import { nextAttemptAt, maxAttempts, RETRY_DELAYS_MS } from './backoff.ts';
import { letter } from './letters.ts';
import { fillSecrets, MailSecretBox, SealedSecretError } from './mail-secrets.ts';
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
    const l = letter(policy, 'en', {
      title: 'Your request',
      salutation: 'Dear Ms Smith,',
      paragraphs: ['We received your request.'],
    });
    expect(l.text.startsWith('Dear Ms Smith,\n\nWe received your request.\n\nKind regards,\nSen ICT')).toBe(true);
    expect(l.text).toContain('Ketjapweg 40, 3541 RH Utrecht, Netherlands');
    expect(l.text).toContain('Data protection officer (Functionaris voor de Gegevensbescherming): security@senict.nl');
  });

  it('renders lists, links and codes in both versions, and can leave the salutation out', () => {
    const l = letter(policy, 'nl', {
      title: 'Code',
      salutation: null,
      paragraphs: [
        { code: '123456' },
        { list: ['facturen: AWR art. 52', 'offertes'] },
        { link: 'https://kluis.senict.nl/v/abc', label: 'Bevestig' },
      ],
    });
    const sent = fillSecrets(l, l.secrets);
    expect(
      sent.text.startsWith('    123456\n\n- facturen: AWR art. 52\n- offertes\n\nBevestig:\nhttps://kluis.senict.nl/v/abc'),
    ).toBe(true);
    expect(l.html).not.toContain('Geachte');
    expect(sent.html).toContain('<strong>123456</strong>');
    expect(l.html).toContain('<ul><li>facturen: AWR art. 52</li><li>offertes</li></ul>');
    expect(sent.html).toContain('<a href="https://kluis.senict.nl/v/abc">Bevestig</a>');
  });

  it('keeps codes and secret links out of the stored text and HTML: placeholders, the secrets apart (Art. 32(1)(b))', () => {
    const nl = letter(policy, 'nl', {
      title: 'Code',
      paragraphs: [
        { code: '123456' },
        { link: 'https://kluis.senict.nl/v?token=geheim', label: 'Bevestig' },
        { link: 'https://senict.nl/privacy', public: true },
      ],
    });
    expect(nl.text).toContain('    [code verstuurd]');
    expect(nl.text).toContain('Bevestig:\n[link verstuurd]');
    expect(nl.text).toContain('https://senict.nl/privacy');
    for (const stored of [nl.text, nl.html]) expect(stored).not.toMatch(/123456|geheim/);
    expect(nl.secrets.map((s) => s.placeholder)).toEqual(['[code verstuurd]', '[link verstuurd]']);
    const en = letter(policy, 'en', {
      title: 'Code',
      paragraphs: [{ code: '654321' }, { link: '/en/privacy/request/package?token=geheim' }],
    });
    expect(en.text).toContain('[code sent]');
    expect(en.text).toContain('[link sent]');
    expect(fillSecrets(en, en.secrets).text).toContain('/en/privacy/request/package?token=geheim');
  });

  it('opens sealed secrets only with the key and on the row they were sealed for', () => {
    const box = new MailSecretBox(MailSecretBox.generateKey());
    const secrets = [{ placeholder: '[code sent]', text: '123456', html: '123456' }];
    const sealed = box.seal(secrets, 'row-1');
    expect(sealed).not.toContain('123456');
    expect(box.open(sealed, 'row-1')).toEqual(secrets);
    expect(() => box.open(sealed, 'row-2')).toThrow(SealedSecretError);
    expect(() => new MailSecretBox(MailSecretBox.generateKey()).open(sealed, 'row-1')).toThrow(SealedSecretError);
  });

  it('escapes everything a caller puts in the HTML, and never links a script', () => {
    const l = letter(policy, 'en', {
      title: '<b>hi</b>',
      salutation: 'Dear "Bobby" <script>',
      paragraphs: [
        'a & b <img src=x onerror=alert(1)>\nnext line',
        { list: ['<i>x</i>'] },
        { link: 'javascript:alert(1)', label: 'click' },
        { code: '<1>' },
      ],
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
    for (const bad of ['Sen ICT', 'a@b.nl, c@d.nl', '"Sen" <not an address>', '<a@b.nl> trailing', 'x\r\nBcc: a@b.nl <a@b.nl>'])
      expect(parseMailbox(bad), bad).toBeNull();
  });

  it('writes a name with quotes safely', () => {
    expect(formatMailbox({ name: 'Sen "ICT"', address: 'a@b.nl' })).toBe('"Sen \\"ICT\\"" <a@b.nl>');
    expect(parseMailbox(formatMailbox({ name: 'Sen "ICT"', address: 'a@b.nl' }))).toEqual({
      name: 'Sen "ICT"',
      address: 'a@b.nl',
    });
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
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 mailbox unavailable"), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(describeSmtpError(refused)).toEqual({
      message: "EENVELOPE 550: Can't send mail - all recipients were rejected: 550 mailbox unavailable",
      permanent: true,
    });
    expect(describeSmtpError(Object.assign(new Error('busy'), { code: 'EENVELOPE', responseCode: 451 })).permanent).toBe(false);
    const down = describeSmtpError(Object.assign(new Error('connect ECONNREFUSED\n    at x'), { code: 'ESOCKET' }));
    expect(down).toEqual({ message: 'ESOCKET: connect ECONNREFUSED at x', permanent: false });
    expect(describeSmtpError(new Error('x'.repeat(2000))).message.length).toBe(500);
  });
});
