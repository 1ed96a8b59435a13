export { DisclosuresPage as Component } from './disclosures-page.tsx';
