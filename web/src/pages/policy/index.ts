export { PolicyPage as Component } from './policy-page.tsx';
