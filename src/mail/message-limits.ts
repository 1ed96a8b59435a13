// The limits of a message with attachments, whether it comes in through the API (a case message) or as mail
// (an .eml imported or read from the mailbox): one set, so a mail is refused exactly where a message would be.

/** The largest attachment, decoded. A scanned letter or a photo fits; a video does not belong in a case. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_MESSAGE_BODY_CHARS = 100_000;
