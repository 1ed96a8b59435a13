export { CasesPage as Component } from './cases-page.tsx';
