import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { freshIp } from '../../../test/support/requests.ts';
import { postForm } from '../../../test/support/forms.ts';
import {
  E2E_TIMEOUT_MS,
  type E2e,
  PUBLIC_URL,
  arrivedFor,
  codeIn,
  customer,
  decide,
  entriesNaming,
  expectLetter,
  fileRequest,
  mailArrived,
  requestByReference,
  startE2e,
  verifyWithMailedCode,
} from '../../../test/support/rights-e2e.ts';

const ORGANISATION = 'Nieuwe Leverancier B.V.';
const ORGANISATION_EMAIL = 'privacy@nieuwe-leverancier.test';
const linkIn = (text: string, path: string): string =>
  new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}${path.replace(/[?]/g, '\\?')}([^\\s]+)`).exec(text)?.[1] ?? '';

describe.each(DIALECTS)('portability sent directly to another organisation (Art. 20(2) GDPR), on %s', (dialect) => {
  let e: E2e;

  beforeAll(async () => {
    e = await startE2e(dialect);
  }, E2E_TIMEOUT_MS);
  afterAll(async () => e.close());

  const disclosuresOf = (subjectId: string) =>
    e.t.database.db.selectFrom('disclosures').selectAll().where('subject_id', '=', subjectId).execute();

  it(
    'sends the link to the organisation only after the person confirmed its address from their own mailbox, and logs it as a disclosure to that organisation',
    async () => {
      const c = await customer(e.t);
      const { reference } = await fileRequest(e, {
        kind: 'portability',
        name: 'Anna de Vries',
        email: c.email,
        language: 'nl',
        transferOrganisation: ORGANISATION,
        transferEmail: ORGANISATION_EMAIL,
      });
      await verifyWithMailedCode(e, c.email, reference);
      const request = await requestByReference(e, reference);
      expect(request).toMatchObject({
        kind: 'portability',
        transferOrganisation: ORGANISATION,
        transferEmail: ORGANISATION_EMAIL,
        transferConfirmedAt: null,
      });

      expect(await decide(e, request.id, { decision: 'granted' })).toMatchObject({ status: 'awaiting_release' });
      const answer = await mailArrived(e, c.email, `Antwoord op uw verzoek ${reference}`);
      expectLetter(answer, 'nl', reference);
      expect(answer.text).toContain(`rechtstreeks naar ${ORGANISATION} (${ORGANISATION_EMAIL}) te sturen (art. 20 lid 2 AVG)`);

      // The dpo reviews and releases: the person, not the organisation, gets a mail, at the address on file.
      const listed = await e.t.app.inject({ url: `/api/requests/${request.id}/access-packages`, headers: { cookie: e.dpo } });
      const [pkg] = listed.json<{ packages: { id: string; kind: string; reviewStatus: string }[] }>().packages;
      expect(pkg).toMatchObject({ kind: 'portability', reviewStatus: 'pending_review' });
      const released = await e.t.app.inject({
        method: 'POST',
        url: `/api/access-packages/${pkg?.id ?? ''}/release`,
        headers: { cookie: e.dpo },
      });
      expect(released.statusCode, released.body).toBe(200);
      expect(released.json()).toMatchObject({ reviewStatus: 'awaiting_confirmation', deliverTo: null });
      expect(await requestByReference(e, reference)).toMatchObject({ status: 'awaiting_release' });
      const ask = await mailArrived(e, c.email, `Bevestig naar wie wij uw gegevens sturen (verzoek ${reference})`);
      expectLetter(ask, 'nl', reference);
      expect(ask.text).toContain(`organisatie: ${ORGANISATION}`);
      expect(ask.text).toContain(`e-mailadres: ${ORGANISATION_EMAIL}`);
      expect(arrivedFor(e, ORGANISATION_EMAIL)).toEqual([]);
      expect(await disclosuresOf(c.subject.id)).toEqual([]);

      // Opening the link shows the organisation and confirms nothing; a wrong token is refused and counted.
      const query = linkIn(ask.text, '/privacy/request/transfer?');
      expect(query).toContain(`reference=${reference}`);
      const shown = await e.t.app.inject({ url: `/privacy/request/transfer?${query}` });
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.body).toContain(ORGANISATION);
      expect(shown.body).toContain(ORGANISATION_EMAIL);
      expect(shown.body).toContain('Ja, stuur mijn gegevens hierheen');
      const token = new URLSearchParams(query).get('token') ?? '';
      const wrong = (await postForm(e.t, '/privacy/request/transfer', { reference, token: `${token.slice(0, -4)}AAAA` })).page;
      expect(wrong.statusCode).toBe(404);
      expect(wrong.body).toContain('data-error-code="not_found"');
      const attempts = await e.t.database.db
        .selectFrom('verification_challenges')
        .select('attempts')
        .where('request_id', '=', request.id)
        .where('method', '=', 'transfer_confirmation')
        .executeTakeFirstOrThrow();
      expect(attempts.attempts).toBe(1);
      expect(arrivedFor(e, ORGANISATION_EMAIL)).toEqual([]);

      const confirmed = (await postForm(e.t, '/privacy/request/transfer', { reference, token })).page;
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.body).toContain(`Wij hebben ${ORGANISATION} een downloadlink gestuurd op ${ORGANISATION_EMAIL}.`);
      // The link works once.
      const again = (await postForm(e.t, '/privacy/request/transfer', { reference, token })).page;
      expect(again.statusCode).toBe(410);

      // The disclosure: to the organisation the person named, outside the register, for this request, logged.
      const [disclosure] = await disclosuresOf(c.subject.id);
      expect(disclosure).toMatchObject({
        kind: 'portability',
        recipient_id: null,
        recipient_name: ORGANISATION,
        recipient_email: ORGANISATION_EMAIL,
        request_id: request.id,
        status: 'released',
        notice: 'not_required',
        mode: 'export',
      });
      // What the contract purpose processes of a customer: since organisations, also the role at an
      // organisation and a sole trader's business details (the person's own data; Art. 20(4) harms nobody else's).
      expect(JSON.parse(disclosure?.categories ?? '[]')).toEqual([
        'user.name',
        'user.contact.email',
        'user.contact.phone_number',
        'user.contact.address',
        'user.account.reference',
        'user.contract',
        'user.correspondence',
        'user.workplace',
        'user.job_title',
        'user.business',
      ]);
      const entries = await entriesNaming(e.t, c.subject.id);
      const logged = entries.find(
        (x) => x.operation === 'disclose' && (JSON.parse(x.records) as string[]).includes(`disclosure:${disclosure?.id ?? ''}`),
      );
      expect(logged, 'the transfer is a disclose entry naming the disclosure').toBeDefined();
      const reason = await e.t.database.db
        .selectFrom('processing_log')
        .select('reason')
        .where('seq', '=', logged?.seq ?? 0)
        .executeTakeFirstOrThrow();
      expect(reason.reason).toContain(`portability transfer to ${ORGANISATION} <${ORGANISATION_EMAIL}>`);
      expect(await requestByReference(e, reference)).toMatchObject({
        status: 'answered',
        transferConfirmedAt: expect.any(String) as unknown,
      });

      // The person is told; the organisation gets the link, and a download code at its own address.
      const told = await mailArrived(e, c.email, `Wij hebben uw gegevens naar ${ORGANISATION} gestuurd (verzoek ${reference})`);
      expectLetter(told, 'nl', reference);
      const link = await mailArrived(e, ORGANISATION_EMAIL, 'Persoonsgegevens van Anna de Vries, op diens verzoek (art. 20 AVG)');
      expect(link.text).toContain('art. 20 lid 2 AVG');
      const download = linkIn(link.text, '/privacy/request/package?');
      const packageToken = new URLSearchParams(download).get('token') ?? '';
      expect(new URLSearchParams(download).get('for')).toBe('recipient');
      const page = await e.t.app.inject({ url: `/privacy/request/package?${download}` });
      expect(page.body).toContain('op verzoek van de persoon zelf (art. 20 lid 2 AVG)');
      const asked = await e.t.app.inject({
        method: 'POST',
        url: `/api/public/packages/${packageToken}/code`,
        remoteAddress: freshIp(),
      });
      expect(asked.statusCode, asked.body).toBe(202);
      const code = await mailArrived(e, ORGANISATION_EMAIL, `Downloadcode (verzoek ${reference})`);
      const zip = await e.t.app.inject({ url: `/privacy/request/package?token=${packageToken}&code=${codeIn(code)}` });
      expect(zip.statusCode, zip.body).toBe(200);
      const files = unzipSync(new Uint8Array(zip.rawPayload));
      expect(strFromU8(files['data.json'] as Uint8Array)).toContain('"format": "kluis-portability/1"');
      expect(Object.keys(files)).not.toContain('report.html');

      // The download is a disclosure too, and the transfer's disclosure is marked exported.
      const [last] = await e.t.database.db
        .selectFrom('processing_log')
        .select(['operation', 'actor_id', 'records'])
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      expect(last).toMatchObject({ operation: 'disclose', actor_id: 'access-package-download' });
      expect(JSON.parse(last?.records ?? '[]')).toContain(`disclosure:${disclosure?.id ?? ''}`);
      expect((await disclosuresOf(c.subject.id))[0]?.exported_at).not.toBeNull();
      // The person's disclosure log names the organisation (Art. 15(1)(c)); no one can download it through the disclosure API.
      const log = await e.t.app.inject({ url: `/api/subjects/${c.subject.id}/disclosures`, headers: { cookie: e.staff } });
      expect(log.json<{ disclosures: { kind: string; recipient: { name: { nl: string } } }[] }>().disclosures).toEqual([
        expect.objectContaining({
          kind: 'portability',
          recipient: { id: null, name: { nl: ORGANISATION, en: ORGANISATION }, category: null, company: null },
        }),
      ]);
      const exported = await e.t.app.inject({
        url: `/api/disclosures/${disclosure?.id ?? ''}/export`,
        headers: { cookie: e.dpo },
      });
      expect(exported.statusCode).toBe(409);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'sends nothing to the organisation while the person has not confirmed, nor once the request was answered another way; releasing again sends a new confirmation and the old link stops working',
    async () => {
      const c = await customer(e.t);
      const { reference } = await fileRequest(e, {
        kind: 'portability',
        name: 'Anna de Vries',
        email: c.email,
        language: 'en',
        transferOrganisation: ORGANISATION,
        transferEmail: ORGANISATION_EMAIL,
      });
      await verifyWithMailedCode(e, c.email, reference, 'en');
      const request = await requestByReference(e, reference);
      await decide(e, request.id, { decision: 'granted' });
      const [pkg] = (
        await e.t.app.inject({ url: `/api/requests/${request.id}/access-packages`, headers: { cookie: e.dpo } })
      ).json<{ packages: { id: string }[] }>().packages;
      const release = () =>
        e.t.app.inject({ method: 'POST', url: `/api/access-packages/${pkg?.id ?? ''}/release`, headers: { cookie: e.dpo } });
      expect((await release()).statusCode).toBe(200);
      const first = await mailArrived(e, c.email, `Confirm where we send your data (request ${reference})`);
      expect(first.header('Content-Language')).toBe('en');
      expect((await release()).statusCode).toBe(200);
      await e.t.services.mailDelivery.deliverDue();
      const asks = await e.smtp.waitFor(
        (m) => m.envelope.to.includes(c.email) && m.subject.startsWith('Confirm where') && m.messageId !== first.messageId,
        30_000,
      );
      const old = new URLSearchParams(linkIn(first.text, '/en/privacy/request/transfer?'));
      const stale = await e.t.app.inject({ url: `/en/privacy/request/transfer?${old.toString()}` });
      expect(stale.statusCode).toBe(404);
      expect(stale.body).toContain('We do not know this link. Use the link from our e-mail.');
      const fresh = linkIn(asks.text, '/en/privacy/request/transfer?');
      expect((await e.t.app.inject({ url: `/en/privacy/request/transfer?${fresh}` })).body).toContain('Yes, send my data there');
      // A refusal the POST learnt that the page has no words of its own for is still said, not the form again.
      const refused = await e.t.app.inject({ url: `/en/privacy/request/transfer?${fresh}&problem=purpose_not_allowed` });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('data-error-code="purpose_not_allowed"');
      expect(refused.body).not.toContain('Yes, send my data there');
      expect(arrivedFor(e, ORGANISATION_EMAIL).filter((m) => m.text.includes(reference))).toEqual([]);
      expect(await disclosuresOf(c.subject.id)).toEqual([]);
      expect(await requestByReference(e, reference)).toMatchObject({ status: 'awaiting_release', transferConfirmedAt: null });

      // Answered by hand meanwhile: the confirmation no longer sends anything, and no new one can be asked for.
      const answered = await e.t.app.inject({
        method: 'POST',
        url: `/api/requests/${request.id}/answer`,
        headers: { cookie: e.dpo },
        payload: { text: 'We handed you the data on a USB stick.' },
      });
      expect(answered.statusCode, answered.body).toBe(200);
      const late = (await postForm(e.t, '/en/privacy/request/transfer', Object.fromEntries(new URLSearchParams(fresh)))).page;
      expect(late.statusCode).toBe(409);
      expect(late.body).toContain('data-error-code="conflict"');
      expect((await release()).statusCode).toBe(409);
      expect(await disclosuresOf(c.subject.id)).toEqual([]);
      expect(arrivedFor(e, ORGANISATION_EMAIL).filter((m) => m.text.includes(reference))).toEqual([]);
    },
    E2E_TIMEOUT_MS,
  );
});
