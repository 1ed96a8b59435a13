import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../harness.ts';
import { freshIp } from './requests.ts';

/** A form post as a browser makes it, and the page the browser then shows. */
export interface FormResult {
  /** The answer to the POST itself: always 303 on the public pages (post/redirect/get). */
  posted: LightMyRequestResponse;
  /** The page after the redirect, as the person sees it (reloading it posts nothing again). */
  page: LightMyRequestResponse;
  /** The address of that page. */
  location: string;
  /** The cookie the POST set for the next page, if any, as a `cookie` header value. */
  cookie: string | undefined;
}

/**
 * Posts an HTML form as a browser does (url-encoded, asking for HTML) and follows the 303 like a browser, with
 * the cookie the answer set. Fails when the POST does not answer 303: a public page never answers a POST with a
 * page of its own, so a reload cannot post again (issue 19, part 6).
 */
export async function postForm(
  t: TestApp,
  url: string,
  fields: Record<string, string>,
  options: { ip?: string; cookie?: string } = {},
): Promise<FormResult> {
  const ip = options.ip ?? freshIp();
  const posted = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...(options.cookie === undefined ? {} : { cookie: options.cookie }),
    },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: ip,
  });
  expect(posted.statusCode, `POST ${url} answers 303: ${posted.body.slice(0, 200)}`).toBe(303);
  const location = String(posted.headers.location);
  const set = posted.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const cookie = set === '' ? options.cookie : set;
  const page = await t.app.inject({
    method: 'GET',
    url: location,
    headers: { accept: 'text/html', ...(cookie === undefined ? {} : { cookie }) },
    remoteAddress: ip,
  });
  return { posted, page, location, cookie };
}
