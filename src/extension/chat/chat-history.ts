import type { ConversationSummary, TurnView } from '../../protocol/chat-model';
import { parseTurn } from '../../protocol/chat-model';
import type { CardAction } from './card-action';

/** A turn as stored: what the view shows, plus what is needed to resend it and run its buttons. */
export interface StoredTurn extends TurnView {
  /** The text sent to the model for this turn (the prompt with its attachments as fenced code). */
  sent: string;
  origin: string;
  /** What each card button does, by button id. */
  cardActions?: Record<string, CardAction>;
}

export interface StoredConversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  turns: StoredTurn[];
}

/** The slice of vscode.Memento the history needs (workspaceState: per workspace, survives reloads and restarts). */
export interface HistoryStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface HistoryLimits {
  maxConversations: number;
  /** Serialised size of all conversations together. */
  maxBytes: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxConversations: 50, maxBytes: 4_000_000 };
const KEY = 'switchboard.chat.history.v1';

interface Persisted {
  activeId: string;
  conversations: StoredConversation[];
}

function parseStoredTurn(v: unknown): StoredTurn | undefined {
  const view = parseTurn(v);
  const raw = v as Partial<StoredTurn>;
  if (!view || typeof raw.sent !== 'string' || typeof raw.origin !== 'string') return undefined;
  const turn: StoredTurn = { ...view, sent: raw.sent, origin: raw.origin };
  if (raw.cardActions && typeof raw.cardActions === 'object') turn.cardActions = raw.cardActions;
  // A command's buttons run callbacks of the window that showed them: they do not survive a reload.
  delete turn.answer.extra;
  // The window closed while this answer streamed: keep its text, say it is incomplete.
  if (turn.answer.status === 'streaming') {
    turn.answer = { ...turn.answer, status: 'incomplete', card: { kind: 'incomplete', title: 'The answer is incomplete', message: 'The window was reloaded or closed while this answer was streaming. The text above is what arrived.', actions: [{ id: 'a0', label: 'Retry' }] } };
    turn.cardActions = { a0: { kind: 'retry' } };
  }
  return turn;
}

/**
 * Conversations of this workspace, newest last in storage, bounded by count and
 * bytes (oldest dropped first, never the open one). Does not rely on the webview
 * keeping its state: the view is rebuilt from here on every reveal.
 */
export class ChatHistory {
  private conversations: StoredConversation[] = [];
  private active: StoredConversation;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: HistoryStore,
    private readonly now: () => number,
    private readonly newId: () => string,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {
    const saved = store.get<Persisted>(KEY);
    if (saved && Array.isArray(saved.conversations)) {
      for (const c of saved.conversations) {
        if (!c || typeof c.id !== 'string' || !Array.isArray(c.turns)) continue;
        const turns = c.turns.map(parseStoredTurn).filter((t): t is StoredTurn => t !== undefined);
        this.conversations.push({ id: c.id, title: String(c.title ?? ''), createdAt: Number(c.createdAt) || 0, updatedAt: Number(c.updatedAt) || 0, turns });
      }
    }
    this.active = this.conversations.find((c) => c.id === saved?.activeId) ?? this.fresh();
  }

  get current(): StoredConversation {
    return this.active;
  }

  /** Conversations with at least one turn, newest first (an empty New chat is not history yet). */
  list(): ConversationSummary[] {
    return this.conversations
      .filter((c) => c.turns.length > 0)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((c) => ({ id: c.id, title: c.title, updatedAt: c.updatedAt, turns: c.turns.length }));
  }

  find(id: string): StoredConversation | undefined {
    return id === this.active.id ? this.active : this.conversations.find((c) => c.id === id);
  }

  /** Finds the turn with this request id in any conversation. */
  findTurn(requestId: string): { conversation: StoredConversation; turn: StoredTurn } | undefined {
    for (const conversation of [this.active, ...this.conversations]) {
      const turn = conversation.turns.find((t) => t.requestId === requestId);
      if (turn) return { conversation, turn };
    }
    return undefined;
  }

  open(id: string): StoredConversation | undefined {
    const c = this.find(id);
    if (c) {
      this.active = c;
      void this.save();
    }
    return c;
  }

  /** A new empty conversation becomes the shown one (the current one stays in the list if it has turns). */
  startNew(): StoredConversation {
    this.active = this.fresh();
    void this.save();
    return this.active;
  }

  addTurn(conversation: StoredConversation, turn: StoredTurn): void {
    if (conversation.turns.length === 0) conversation.title = turn.prompt.replace(/\s+/g, ' ').trim().slice(0, 80);
    conversation.turns.push(turn);
    this.touch(conversation);
  }

  removeTurn(conversation: StoredConversation, requestId: string): void {
    conversation.turns = conversation.turns.filter((t) => t.requestId !== requestId);
    this.touch(conversation);
  }

  /** Marks a conversation changed and saves (bounded). */
  touch(conversation: StoredConversation): void {
    conversation.updatedAt = this.now();
    if (!this.conversations.includes(conversation)) this.conversations.push(conversation);
    void this.save();
  }

  delete(id: string): void {
    this.conversations = this.conversations.filter((c) => c.id !== id);
    if (this.active.id === id) this.active = this.fresh();
    void this.save();
  }

  clear(): void {
    this.conversations = [];
    this.active = this.fresh();
    void this.save();
  }

  /** Resolves when everything changed so far is written. */
  flush(): Promise<void> {
    return this.saving;
  }

  private fresh(): StoredConversation {
    const t = this.now();
    return { id: this.newId(), title: '', createdAt: t, updatedAt: t, turns: [] };
  }

  private save(): Promise<void> {
    this.enforceLimits();
    const data: Persisted = { activeId: this.active.id, conversations: this.conversations.filter((c) => c.turns.length > 0) };
    // Writes are chained so an older snapshot never lands after a newer one.
    this.saving = this.saving.then(() => this.store.update(KEY, data)).catch(() => undefined);
    return this.saving;
  }

  private enforceLimits(): void {
    this.conversations.sort((a, b) => a.updatedAt - b.updatedAt);
    const sizeOf = (c: StoredConversation): number => JSON.stringify(c).length;
    let bytes = this.conversations.reduce((n, c) => n + sizeOf(c), 0);
    while (this.conversations.length > 0 && (this.conversations.length > this.limits.maxConversations || bytes > this.limits.maxBytes)) {
      const oldest = this.conversations.find((c) => c !== this.active);
      if (!oldest) break;
      bytes -= sizeOf(oldest);
      this.conversations.splice(this.conversations.indexOf(oldest), 1);
    }
    // The open conversation alone over the limit: drop its oldest turns, never the last one.
    while (bytes > this.limits.maxBytes && this.active.turns.length > 1) {
      const before = sizeOf(this.active);
      this.active.turns.shift();
      bytes -= before - sizeOf(this.active);
    }
  }
}
