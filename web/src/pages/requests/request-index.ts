export { RequestPage as Component } from './request-page.tsx';
