import { escapeHtml } from '../shared/escape-html.ts';

// HTML built from strings that cannot forget to escape: every value placed in `html` is escaped unless it is
// already SafeHtml. The public pages are made with it, so a name or a reason typed by anyone is text, never markup.

/** HTML that is already safe: produced by `html`, whose interpolations are all escaped. */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

/** A tagged template that escapes every interpolated value unless it is SafeHtml; arrays are concatenated. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Trusts HTML that this module wrote earlier and the database kept (a published statement). */
export const trustedHtml = (stored: string): SafeHtml => new SafeHtml(stored);
