import { messageText } from '../model/message-text';
import { ChatRequest } from '../model/chat-request';
import { FinishReason } from '../model/finish-reason';
import { Usage } from '../model/usage';

/** What an entry belongs to, for invalidation (`clear`) and audit. */
export interface CacheTags {
  workspace: string;
  /** The alias name or deployment id requested. */
  alias: string;
  /** Account fingerprint (never the key). */
  fingerprint: string;
  configHash?: string;
}

/** Enough to recognise the request in an audit view without storing it twice. */
export interface RequestSummary {
  messageCount: number;
  promptChars: number;
  /** The start of the last user message. */
  preview: string;
  temperature?: number;
  seed?: number;
  maxTokens?: number;
}

/** One stored, complete answer. */
export interface CachedAnswer {
  content: string;
  reasoning?: string;
  /** Lengths (UTF-16 units) of the text events as they streamed, so a hit replays the same events. */
  textChunks?: number[];
  /** Same, for reasoning events. */
  reasoningChunks?: number[];
  usage: Usage;
  finishReason: FinishReason;
  deploymentId: string;
  provider?: string;
  model: string;
  /** What the original call cost; a hit records it as `savedUsd`. */
  costUsd: number | null;
  createdAt: number;
  request: RequestSummary;
  tags: CacheTags;
}

const PREVIEW_CHARS = 120;

export function summarizeRequest(request: ChatRequest): RequestSummary {
  let promptChars = 0;
  let lastUser = '';
  for (const m of request.messages) {
    const text = messageText(m);
    promptChars += text.length;
    if (m.role === 'user') lastUser = text;
  }
  const summary: RequestSummary = { messageCount: request.messages.length, promptChars, preview: lastUser.slice(0, PREVIEW_CHARS) };
  if (request.temperature !== undefined) summary.temperature = request.temperature;
  if (request.seed !== undefined) summary.seed = request.seed;
  if (request.max_tokens !== undefined) summary.maxTokens = request.max_tokens;
  return summary;
}

/** Approximate in-memory size (UTF-16 strings plus a fixed overhead), for the byte bound. */
export function entrySize(entry: CachedAnswer): number {
  const chars = entry.content.length + (entry.reasoning?.length ?? 0) + entry.request.preview.length + entry.deploymentId.length + entry.model.length;
  return 2 * chars + 8 * ((entry.textChunks?.length ?? 0) + (entry.reasoningChunks?.length ?? 0)) + 512;
}
