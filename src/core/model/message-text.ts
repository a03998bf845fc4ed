import { ChatMessage } from './chat-request';

/** The text of a message's content (string or parts), images left out; `''` for none. */
export function messageText(message: Pick<ChatMessage, 'content'>): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (content === null) return '';
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('');
}
