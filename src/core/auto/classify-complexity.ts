import { messageText } from '../model/message-text';
import { ChatRequest } from '../model/chat-request';

/** A complexity score and the rules that produced it (shown to the user so they can escalate). */
export interface Complexity {
  score: number;
  reasons: string[];
}

const REASONING = /\b(why|explain|prove|proof|derive|step[- ]by[- ]step|analy[sz]e|architecture|design|refactor|debug|optimi[sz]e|trade-?offs?|compare|reason(?:ing)?|algorithm|complexity|concurren\w*|race condition|security|migrat\w*)\b/gi;
/** ```lang path/to/file.ext fences, <file path="..."> blocks, and "File: path" headers. */
const ATTACHED_FILE = /```[\w+-]*[ \t]+[\w./-]+\.\w+|<file\b[^>]*>|^(?:file|path):\s*\S+\.\w+/gim;

function lengthPoints(tokens: number): number {
  if (tokens < 200) return 0;
  if (tokens < 1_000) return 1;
  if (tokens < 4_000) return 2;
  if (tokens < 16_000) return 3;
  return 4;
}

/**
 * Scores a request's complexity with local rules only (no model call; well
 * under a millisecond for normal prompts): length, code blocks, reasoning
 * words, attached files and conversation depth. Higher means harder.
 */
export function classifyComplexity(request: ChatRequest): Complexity {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, why: string): void => {
    if (points <= 0) return;
    score += points;
    reasons.push(`${why} (+${points})`);
  };
  const text = request.messages.map((m) => messageText(m)).join('\n');
  const lastUserMessage = [...request.messages].reverse().find((m) => m.role === 'user');
  const lastUser = lastUserMessage ? messageText(lastUserMessage) : '';
  const tokens = Math.ceil(text.length / 4);
  add(lengthPoints(tokens), `about ${tokens} tokens`);
  const fences = Math.floor((text.match(/```/g)?.length ?? 0) / 2);
  add(Math.min(fences, 1) * 2 + (fences > 2 ? 1 : 0), `${fences} code block${fences === 1 ? '' : 's'}`);
  const words = [...new Set((lastUser.match(REASONING) ?? []).map((w) => w.toLowerCase()))];
  add(Math.min(words.length, 3), `reasoning words: ${words.slice(0, 5).join(', ')}`);
  const files = text.match(ATTACHED_FILE)?.length ?? 0;
  add(Math.min(files, 3), `${files} attached file${files === 1 ? '' : 's'}`);
  const turns = request.messages.filter((m) => m.role !== 'system').length;
  add(turns > 6 ? 1 : 0, `${turns} turns of conversation`);
  return { score, reasons };
}
