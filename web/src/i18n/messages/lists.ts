// The words of every list's table (web/src/components/list-table.tsx).
export const lists = {
  nl: {
    'lists.count': '{total} in totaal · pagina {page} van {pages}',
    'lists.filters': 'Filters',
    'lists.all': 'Alle',
    'lists.yes': 'Ja',
    'lists.no': 'Nee',
    'lists.page': 'Pagina {page}',
    'lists.previous': 'Vorige pagina',
    'lists.next': 'Volgende pagina',
    'lists.first': 'Eerste pagina',
    'lists.last': 'Laatste pagina',
  },
  en: {
    'lists.count': '{total} in all · page {page} of {pages}',
    'lists.filters': 'Filters',
    'lists.all': 'All',
    'lists.yes': 'Yes',
    'lists.no': 'No',
    'lists.page': 'Page {page}',
    'lists.previous': 'Previous page',
    'lists.next': 'Next page',
    'lists.first': 'First page',
    'lists.last': 'Last page',
  },
};
