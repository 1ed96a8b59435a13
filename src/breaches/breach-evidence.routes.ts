import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES } from '../mail/message-limits.ts';
import { attachmentDisposition, base64Length } from '../cases/attachment.ts';
import { actorOf } from '../http/auth.ts';
import { errorResponses, errorSchema } from '../http/error.schema.ts';
import { idParam } from '../shared/schema.ts';
import type { BreachEvidenceService } from './breach-evidence.service.ts';
import { evidenceSchema, newEvidenceSchema } from './breach-evidence.schema.ts';

const fileContent = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** Evidence of a breach: files kept with the register, each scanned for viruses before it is stored. */
export const breachEvidenceRoutes =
  (evidence: BreachEvidenceService): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['breaches'];

    app.post('/api/breaches/:id/evidence', {
      // One file of at most 5 MiB, base64 in JSON, and its name and type.
      bodyLimit: base64Length(MAX_ATTACHMENT_BYTES) + 64 * 1024,
      onRequest: async (req) => {
        actorOf(req);
      },
      schema: {
        tags,
        summary:
          'Add a file as evidence of a breach (base64); scanned for viruses first: infected is refused, unscannable kept in quarantine',
        params: idParam,
        body: newEvidenceSchema,
        response: { 201: evidenceSchema, ...errorResponses, 413: errorSchema, 422: errorSchema },
      },
      handler: async (req, reply) => reply.status(201).send(await evidence.add(actorOf(req), req.params.id, req.body)),
    });

    app.get('/api/breaches/:id/evidence', {
      schema: {
        tags,
        summary: "A breach's evidence, without the content",
        params: idParam,
        response: { 200: z.object({ evidence: z.array(evidenceSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ evidence: await evidence.list(actorOf(req), req.params.id) }),
    });

    app.get('/api/breach-evidence/:id', {
      schema: {
        tags,
        summary: 'Download a file of evidence (never while it waits in quarantine)',
        params: idParam,
        response: {
          200: { description: 'The content as received', content: { 'application/octet-stream': { schema: fileContent } } },
          ...errorResponses,
        },
      },
      handler: async (req, reply) => {
        const file = await evidence.download(actorOf(req), req.params.id);
        // Saved, never shown: a stored text/html or SVG must not run in the back office's origin.
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', attachmentDisposition(file.filename))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'no-store')
          .send(file.content);
      },
    });
  };
