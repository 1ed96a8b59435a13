import type { ProcessingActivities, RegisterLanguage } from './processing-activities.schema.ts';
import { FIELD_LABELS, type Field, activityLines, registerLines } from './processing-activities.words.ts';

const TITLE = { nl: 'Register van verwerkingsactiviteiten (art. 30 AVG)', en: 'Record of processing activities (Art. 30 GDPR)' };
const GENERATED = { nl: 'Gegenereerd op', en: 'Generated on' };

// The page must open anywhere, offline, and run nothing: inline style, no script, no external resource.
export const REGISTER_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** The Art. 30 register as one self-contained HTML page; every value is escaped. */
export function processingActivitiesHtml(register: ProcessingActivities, lang: RegisterLanguage): string {
  const perActivity: Field[] = [
    'purposeId',
    'legalBasis',
    'dataSubjects',
    'dataCategories',
    'recipients',
    'transfers',
    'erasure',
  ];
  const head = registerLines(register, lang);
  const sections = register.activities.map((a) => {
    const lines = activityLines(register, a, lang);
    const rows = perActivity
      .map((f) => `<tr><th scope="row">${escapeHtml(FIELD_LABELS[f][lang])}</th><td>${list(lines[f])}</td></tr>`)
      .join('\n');
    return `<section>\n<h2>${escapeHtml(FIELD_LABELS.purpose[lang])}: ${escapeHtml(a.name[lang])}</h2>\n<table>\n${rows}\n</table>\n</section>`;
  });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REGISTER_PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(TITLE[lang])} — ${escapeHtml(register.controller.name)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { border: 1px solid #999; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { width: 30%; background: #f2f2f2; }
ul { margin: 0; padding-left: 1.2rem; }
</style>
</head>
<body>
<h1>${escapeHtml(TITLE[lang])}</h1>
<p>${escapeHtml(GENERATED[lang])} ${escapeHtml(register.generatedAt)}</p>
<table>
<tr><th scope="row">${escapeHtml(FIELD_LABELS.controller[lang])}</th><td>${list(head.controller)}</td></tr>
<tr><th scope="row">${escapeHtml(FIELD_LABELS.dpo[lang])}</th><td>${list(head.dpo)}</td></tr>
</table>
${sections.join('\n')}
<h2>${escapeHtml(FIELD_LABELS.security[lang])}</h2>
${list(head.security)}
</body>
</html>
`;
}

function list(lines: string[]): string {
  if (lines.length === 1) return escapeHtml(lines[0] ?? '');
  return `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
