import { ChatMessage } from '../../core/index';

/** Bounded chat history: oldest turns drop first so a long chat never grows without limit. */
export class Conversation {
  private readonly messages: ChatMessage[] = [];

  constructor(private readonly maxMessages = 40) {}

  add(message: ChatMessage): void {
    this.messages.push(message);
    while (this.messages.length > this.maxMessages) this.messages.shift();
  }

  /** Drops the last message if it is the user's (its answer failed before any text). */
  dropTrailingUser(): void {
    if (this.messages[this.messages.length - 1]?.role === 'user') this.messages.pop();
  }

  snapshot(): ChatMessage[] {
    return this.messages.map((m) => ({ ...m }));
  }

  clear(): void {
    this.messages.length = 0;
  }
}
