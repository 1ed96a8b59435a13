import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { agreementRoutes } from './agreements/agreement.routes.ts';
import { breachRoutes } from './breaches/breach.routes.ts';
import { breachEvidenceRoutes } from './breaches/breach-evidence.routes.ts';
import { caseRoutes } from './cases/case.routes.ts';
import { consentRoutes } from './consents/consent.routes.ts';
import { disclosureRoutes } from './disclosures/disclosure.routes.ts';
import { recipientNoticeRoutes } from './disclosures/recipient-notice.routes.ts';
import { invoiceRoutes } from './invoices/invoice.routes.ts';
import { invoiceOutgoingRoutes } from './invoices/invoice-outgoing.routes.ts';
import { accountRoutes } from './accounts/account.routes.ts';
import { apiTokenRoutes } from './accounts/api-token.routes.ts';
import { secondFactorRoutes } from './accounts/second-factor.routes.ts';
import { processingLogRoutes } from './guard/processing-log.routes.ts';
import { outboxRoutes } from './mail/outbox.routes.ts';
import { inboxRoutes } from './mailbox/inbox.routes.ts';
import { policyRoutes } from './registers/policy.routes.ts';
import { recipientRoutes } from './registers/recipient.routes.ts';
import { registerRoutes } from './registers/register.routes.ts';
import { selfCheckRoutes } from './doctor/self-check.routes.ts';
import { todayRoutes } from './today/today.routes.ts';
import { retentionRoutes } from './retention/retention.routes.ts';
import { statisticsRoutes } from './statistics/statistics.routes.ts';
import type { Services } from './services.ts';
import { downloadPageRoutes } from './rights/access-packages/download-page.routes.ts';
import { accessPackageRoutes } from './rights/access-packages/access-package.routes.ts';
import { erasurePreviewRoutes } from './rights/executors/erasure-preview.routes.ts';
import { restrictionRoutes } from './restrictions-objections/restriction.routes.ts';
import { transferPageRoutes } from './rights/access-packages/transfer-page.routes.ts';
import { publicRequestRoutes } from './rights/public.routes.ts';
import { requestPageRoutes } from './rights/request-page.routes.ts';
import { staffRequestRoutes } from './rights/staff.routes.ts';
import { privacyRoutes } from './statement/privacy.routes.ts';
import { statementRoutes } from './statement/statement.routes.ts';
import { subjectRoutes } from './subjects/subject.routes.ts';
import { retentionDueRoutes } from './subjects/retention-due.routes.ts';
import { organisationRoutes } from './organisations/organisation.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { exportRoutes } from './export/export.routes.ts';
import { customerListRoutes } from './organisations/customer-list.routes.ts';
import { installAuthentication } from './http/auth.ts';
import { frameworkErrors, installErrorHandler } from './http/error-handler.ts';
import { healthRoutes } from './http/health.routes.ts';
import { installMetrics } from './http/metrics.ts';
import { webAppRoutes } from './http/web-app.routes.ts';
import { refuseNul } from './http/refuse-nul.ts';
import { DOCS_CSP, installSecurityHeaders } from './http/security-headers.ts';

export interface AppOptions {
  logLevel?: string;
  /** Mark cookies Secure; on when served over TLS or behind a TLS-terminating proxy. */
  secureCookies?: boolean;
  /**
   * KLUIS_TRUST_PROXY, passed to Fastify's trustProxy: which proxies' X-Forwarded-For/-Proto/-Host to believe
   * (the client's IP for sign-in throttling, https for HSTS and Secure cookies, the host for the Origin check).
   */
  trustProxy?: boolean | number | string[];
  /** KLUIS_PUBLIC_URL: its origin is accepted as ours in the Origin check. */
  publicUrl?: string | undefined;
}

/** Fastify takes a hop count at run time but not in its types: a number n means the n nearest proxies. */
const trustProxyOf = (trust: AppOptions['trustProxy']) =>
  typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : (trust ?? false);

/** Builds the HTTP app without listening, so tests can drive it with inject(). */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers.authorization'] },
    // The default; routes that take more (attachments, mail) or far less (sign-in) set their own.
    bodyLimit: 256 * 1024,
    trustProxy: trustProxyOf(options.trustProxy),
    // A HEAD would run the GET handler and be logged as a consultation of personal data.
    exposeHeadRoutes: false,
    // The router's own refusals (a URL that does not decode, an overlong parameter) in our error shape.
    frameworkErrors,
    // No request lines in the log: search URLs carry names and e-mail addresses (the /metrics histogram
    // counts requests per route pattern instead).
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, services.logRefusal);
  app.removeContentTypeParser('application/json');
  refuseNul(app);
  installSecurityHeaders(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kluis API', version: '0.1.0', description: 'Customer data kept the way the privacy statement promises.' },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'kluis_session',
            description: 'Changes also need the x-csrf-token header from /api/session',
          },
          token: { type: 'http', scheme: 'bearer', description: 'An API token (POST /api/tokens)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  await app.register(fastifyCookie);
  installAuthentication(app, { sessions: services.sessions, apiTokens: services.apiTokens, publicUrl: options.publicUrl });
  installMetrics(app);

  await app.register(healthRoutes(services));
  await app.register(todayRoutes(services));
  await app.register(accountRoutes(services, { secureCookies: options.secureCookies ?? false }));
  await app.register(secondFactorRoutes(services));
  await app.register(apiTokenRoutes(services));
  await app.register(subjectRoutes(services));
  await app.register(agreementRoutes(services));
  await app.register(organisationRoutes(services.organisations));
  await app.register(importRoutes(services));
  await app.register(exportRoutes(services));
  await app.register(customerListRoutes(services.organisations));
  await app.register(invoiceRoutes(services));
  await app.register(invoiceOutgoingRoutes(services));
  await app.register(caseRoutes(services));
  await app.register(consentRoutes(services));
  await app.register(processingLogRoutes(services));
  await app.register(recipientRoutes(services));
  await app.register(registerRoutes(services));
  await app.register(policyRoutes(services));
  await app.register(statementRoutes(services));
  await app.register(privacyRoutes(services));
  await app.register(async (scope) => webAppRoutes(scope));
  await app.register(staffRequestRoutes(services));
  await app.register(publicRequestRoutes(services));
  await app.register(requestPageRoutes(services));
  await app.register(accessPackageRoutes(services));
  await app.register(erasurePreviewRoutes(services));
  await app.register(restrictionRoutes(services));
  await app.register(downloadPageRoutes(services));
  await app.register(transferPageRoutes(services));
  await app.register(outboxRoutes(services));
  await app.register(inboxRoutes(services));
  await app.register(retentionRoutes(services));
  await app.register(retentionDueRoutes(services));
  await app.register(disclosureRoutes(services));
  await app.register(recipientNoticeRoutes(services));
  await app.register(breachRoutes(services));
  await app.register(breachEvidenceRoutes(services.breachEvidence));
  await app.register(selfCheckRoutes(services));
  await app.register(statisticsRoutes(services));

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/docs'));
  await app.ready();
  return app;
}
