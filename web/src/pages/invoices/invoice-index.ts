export { InvoicePage as Component } from './invoice-page.tsx';
