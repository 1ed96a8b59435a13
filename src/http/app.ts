import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { agreementRoutes } from '../agreements/agreement.routes.ts';
import { caseRoutes } from '../cases/case.routes.ts';
import { consentRoutes } from '../consents/consent.routes.ts';
import { invoiceRoutes } from '../invoices/invoice.routes.ts';
import { accountRoutes } from '../accounts/account.routes.ts';
import { processingLogRoutes } from '../guard/processing-log.routes.ts';
import { outboxRoutes } from '../mail/outbox.routes.ts';
import { policyRoutes } from '../policy/policy.routes.ts';
import { recipientRoutes } from '../registers/recipient.routes.ts';
import { registerRoutes } from '../registers/register.routes.ts';
import { retentionRoutes } from '../retention/retention.routes.ts';
import type { Services } from '../services.ts';
import { executionRoutes } from '../rights/execution/execution.routes.ts';
import { publicRequestRoutes } from '../rights/public.routes.ts';
import { requestPageRoutes } from '../rights/request-page.routes.ts';
import { staffRequestRoutes } from '../rights/staff.routes.ts';
import { privacyRoutes } from '../statement/privacy.routes.ts';
import { statementRoutes } from '../statement/statement.routes.ts';
import { subjectRoutes } from '../subjects/subject.routes.ts';
import { installAuthentication } from './auth.ts';
import { installErrorHandler } from './error-handler.ts';
import { healthRoutes } from './health.routes.ts';
import { installMetrics } from './metrics.ts';
import { refuseNul } from './refuse-nul.ts';

export interface AppOptions {
  logLevel?: string;
  /** Mark cookies Secure; on when served over TLS or behind a TLS-terminating proxy. */
  secureCookies?: boolean;
}

/** Builds the HTTP app without listening, so tests can drive it with inject(). */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: 256 * 1024,
    // A HEAD would run the GET handler and be logged as a consultation of personal data.
    exposeHeadRoutes: false,
    // No request lines in the log: search URLs carry names and e-mail addresses (the /metrics histogram
    // counts requests per route pattern instead).
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.removeContentTypeParser('application/json');
  refuseNul(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kluis API', version: '0.1.0', description: 'Customer data kept the way the privacy statement promises.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kluis_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyCookie);
  installAuthentication(app, services.sessions);
  installMetrics(app);

  await app.register(healthRoutes(services));
  await app.register(accountRoutes(services, { secureCookies: options.secureCookies ?? false }));
  await app.register(subjectRoutes(services));
  await app.register(agreementRoutes(services));
  await app.register(invoiceRoutes(services));
  await app.register(caseRoutes(services));
  await app.register(consentRoutes(services));
  await app.register(processingLogRoutes(services));
  await app.register(recipientRoutes(services));
  await app.register(registerRoutes(services));
  await app.register(policyRoutes(services));
  await app.register(statementRoutes(services));
  await app.register(privacyRoutes(services));
  await app.register(staffRequestRoutes(services));
  await app.register(publicRequestRoutes(services));
  await app.register(requestPageRoutes(services));
  await app.register(executionRoutes(services));
  await app.register(outboxRoutes(services));
  await app.register(retentionRoutes(services));

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/api/docs'));
  await app.ready();
  return app;
}
