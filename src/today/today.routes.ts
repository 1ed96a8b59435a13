import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.ts';
import { errorResponses } from '../http/error.schema.ts';
import type { ReminderService } from './reminder.service.ts';
import { reminderPreferencesInput, reminderPreferencesSchema } from './reminder.schema.ts';
import type { StartService } from './start.service.ts';
import { startPageSchema } from './start.schema.ts';

/** The start page of the signed-in role, and the reminders the signed-in account chose. */
export const todayRoutes =
  (services: { start: StartService; reminders: ReminderService }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/start', {
      schema: {
        tags: ['start'],
        summary: 'What needs doing today for the signed-in role; a part the role has no business with is null',
        response: { 200: startPageSchema, ...errorResponses },
      },
      handler: async (req) => services.start.forActor(actorOf(req)),
    });
    app.get('/api/account/reminders', {
      schema: {
        tags: ['account'],
        summary: 'The reminders by mail the signed-in account gets, and the language of its mail',
        response: { 200: reminderPreferencesSchema, ...errorResponses },
      },
      handler: async (req) => services.reminders.preferences(actorOf(req)),
    });
    app.put('/api/account/reminders', {
      schema: {
        tags: ['account'],
        summary: 'Chooses the reminders by mail the signed-in account gets, and the language of its mail',
        body: reminderPreferencesInput,
        response: { 200: reminderPreferencesSchema, ...errorResponses },
      },
      handler: async (req) => services.reminders.setPreferences(actorOf(req), req.body),
    });
  };
