export { RetentionPage as Component } from './retention-page.tsx';
