// The list of every customer's cases (web/src/pages/cases/cases-page.tsx).
export const cases = {
  nl: {
    'nav.cases': 'Zaken',
    'cases.none': 'Geen zaken gevonden.',
    'cases.search': 'Kenmerk of woorden uit de titel',
    'cases.title': 'Titel',
    'cases.customer': 'Klant',
    'cases.kind': 'Soort',
    'cases.opened': 'Geopend',
  },
  en: {
    'nav.cases': 'Cases',
    'cases.none': 'No cases found.',
    'cases.search': 'Reference or words of the title',
    'cases.title': 'Title',
    'cases.customer': 'Customer',
    'cases.kind': 'Kind',
    'cases.opened': 'Opened',
  },
};
