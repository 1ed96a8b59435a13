export { InboxItemPage as Component } from './inbox-item-page.tsx';
