export { CasePage as Component } from './case-page.tsx';
