export { createInboxItems, type NewInboxItem } from './create-inbox-items.ts'
export { completeInboxItems } from './complete-inbox-items.ts'
export { listInbox, countOpenInbox, type InboxPage } from './list-inbox.ts'
export { inboxFilter, inboxViews, urgencies, type InboxFilter } from './schemas.ts'
