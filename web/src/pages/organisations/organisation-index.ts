export { OrganisationPage as Component } from './organisation-page.tsx';
