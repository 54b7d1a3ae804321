/**
 * What `<peer-chat>`'s log needs once it has a row to show: the rows' templates and styles. They
 * load with the chat's session (or when messages are set by hand), not with the CDN entry: before
 * the core is there, the chat shows its skeleton or empty state and the composer, none of this.
 */
export { ChatAttachments } from './attachments.js';
export { messageRow } from './message-view.js';
export { messageRowStyles } from './message-rows.styles.js';
export { pendingRow } from './pending-row.js';
