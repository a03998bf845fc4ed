/**
 * Provider text kept in an error (message, SyntaxError excerpt) is clipped:
 * it travels into the CallRecord, the ledger, the log and the chat view.
 */
export function clipText(text: string, maxChars = 2000): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}… [${text.length - maxChars} more characters]` : text;
}
