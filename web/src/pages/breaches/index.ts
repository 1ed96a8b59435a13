export { BreachesPage as Component } from './breaches-page.tsx';
