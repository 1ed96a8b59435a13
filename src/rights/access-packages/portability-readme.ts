import type { Policy } from '../../policy/policy.ts';
import { letterDate } from '../../mail/letter-words.ts';
import { joinWords } from '../../shared/words.ts';
import type { PortableTable } from './portability-fields.ts';
import { portableCategories, portablePurposeNames } from '../../policy/portability-scope.ts';
import type { Lang } from '../../shared/lang.ts';

const TEXT = {
  nl: {
    title: (controller: string) => `Uw gegevens van ${controller}: overdracht (art. 20 AVG)`,
    made: (reference: string, day: string) => `Verzoek ${reference}, gemaakt op ${day}.`,
    contains: (purposes: string) =>
      `Dit pakket bevat de gegevens die u ons zelf heeft gegeven en die wij gebruiken voor ${purposes} (art. 20 lid 1 AVG), in een vorm die een andere organisatie kan inlezen.`,
    left: (categories: string) =>
      `Niet in dit pakket: ${categories}, die wij op een andere grondslag verwerken, en wat wij zelf over u vastlegden, zoals onze berichten aan u. Een overzicht van alle gegevens die wij van u hebben, krijgt u met een verzoek om inzage (art. 15 AVG).`,
    leftOwn:
      'Niet in dit pakket: wat wij zelf over u vastlegden, zoals onze berichten aan u. Een overzicht van alle gegevens die wij van u hebben, krijgt u met een verzoek om inzage (art. 15 AVG).',
    files: 'Bestanden',
    json: 'data.json: alle onderdelen hieronder in één bestand (JSON, UTF-8); elk onderdeel is een lijst met de velden die hieronder staan.',
    csv: "csv/<onderdeel>.csv: hetzelfde, één bestand per onderdeel (CSV volgens RFC 4180, UTF-8, gescheiden door komma's); de eerste regel noemt de velden. Een tekst die met =, +, - of @ begint, staat er met een apostrof voor, zodat een rekenblad hem niet als formule leest.",
    attachments: 'attachments/: de bestanden die u ons als bijlage stuurde.',
    tables: 'Onderdelen en velden',
    empty: 'Een veld zonder waarde is leeg (in JSON: null).',
  },
  en: {
    title: (controller: string) => `Your data from ${controller}: portability (Art. 20 GDPR)`,
    made: (reference: string, day: string) => `Request ${reference}, made on ${day}.`,
    contains: (purposes: string) =>
      `This package holds the data you gave us yourself and that we use for ${purposes} (Art. 20(1) GDPR), in a form another organisation can read in.`,
    left: (categories: string) =>
      `Not in this package: ${categories}, which we process on another legal basis, and what we recorded about you ourselves, such as our messages to you. An overview of all the data we hold about you is what a request for access gives you (Art. 15 GDPR).`,
    leftOwn:
      'Not in this package: what we recorded about you ourselves, such as our messages to you. An overview of all the data we hold about you is what a request for access gives you (Art. 15 GDPR).',
    files: 'Files',
    json: 'data.json: every part below in one file (JSON, UTF-8); each part is a list with the fields described below.',
    csv: 'csv/<part>.csv: the same, one file per part (CSV as in RFC 4180, UTF-8, separated by commas); the first line names the fields. A text that starts with =, +, - or @ has an apostrophe before it, so a spreadsheet does not read it as a formula.',
    attachments: 'attachments/: the files you sent us as attachments.',
    tables: 'Parts and fields',
    empty: 'A field without a value is empty (in JSON: null).',
  },
} as const;

/** README.txt of the portability package: what it holds and leaves out, its files, and every field explained. */
export function portabilityReadme(
  policy: Policy,
  lang: Lang,
  tables: PortableTable<never>[],
  meta: { generatedAt: string; requestReference: string },
): string {
  const t = TEXT[lang];
  const doc = policy.document;
  const purposes = portablePurposeNames(policy, lang);
  const portable = new Set(portableCategories(policy));
  const others = Object.entries(doc.categories)
    .filter(([id]) => !portable.has(id))
    .map(([, label]) => label[lang]);
  const parts = tables.flatMap((table) => [
    '',
    `${table.key} (csv/${table.key}.csv): ${table.words[lang]}`,
    ...table.fields.map((f) => `  ${f.name}: ${f.words[lang]}`),
  ]);
  return [
    t.title(doc.controller.name),
    t.made(meta.requestReference, letterDate(meta.generatedAt, lang)),
    '',
    t.contains(purposes),
    '',
    others.length === 0 ? t.leftOwn : t.left(joinWords(others, lang)),
    '',
    t.files,
    `- ${t.json}`,
    `- ${t.csv}`,
    ...(tables.some((table) => table.key === 'attachments') ? [`- ${t.attachments}`] : []),
    '',
    t.tables,
    ...parts,
    '',
    t.empty,
    '',
  ].join('\r\n');
}
