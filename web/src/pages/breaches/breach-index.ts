export { BreachPage as Component } from './breach-page.tsx';
