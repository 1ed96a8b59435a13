import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { sendPage } from '../pages/send.ts';
import { isKluisError } from '../errors.ts';
import type { StatementService } from './statement.service.ts';
import { diffPage, notFoundPage, statementPage, versionsPage } from './pages.ts';
import { LANGS, type Lang } from './statement-document.ts';

/** An unknown version is a page too: a reader who mistyped a number gets HTML, with the stable code in it. */
async function pageOrNotFound(reply: FastifyReply, lang: Lang, render: () => Promise<string>): Promise<FastifyReply> {
  try {
    return sendPage(reply, 200, await render());
  } catch (error) {
    if (isKluisError(error) && error.code === 'not_found') return sendPage(reply, 404, notFoundPage(lang));
    throw error;
  }
}

/**
 * The published statement (P14), server-rendered and public: /privacy in Dutch, /en/privacy in English,
 * every version and what changed. Outside /api and out of the OpenAPI document: pages, not API.
 */
export const privacyRoutes =
  (services: { statement: StatementService }): FastifyPluginAsync =>
  async (app) => {
    const options = { config: { public: true }, schema: { hide: true } };
    for (const lang of LANGS) {
      const prefix = lang === 'nl' ? '' : '/en';
      const version = (params: unknown) => (params as { version: string }).version;

      app.get(`${prefix}/privacy`, options, async (_req, reply) =>
        sendPage(reply, 200, statementPage(lang, await services.statement.served(lang), false)),
      );

      app.get(`${prefix}/privacy/versions`, options, async (_req, reply) =>
        sendPage(reply, 200, versionsPage(lang, await services.statement.list())),
      );

      app.get(`${prefix}/privacy/versions/:version`, options, async (req, reply) =>
        pageOrNotFound(reply, lang, async () =>
          statementPage(lang, await services.statement.servedVersion(version(req.params), lang), true),
        ),
      );

      app.get(`${prefix}/privacy/versions/:version/diff`, options, async (req, reply) =>
        pageOrNotFound(reply, lang, async () => diffPage(lang, await services.statement.diff(version(req.params), lang))),
      );
    }
  };
