/**
 * The chat's data as both sides see it: one turn per request (the user's prompt
 * and the answer to it), keyed by request id. The extension stores these per
 * workspace; the webview renders them. Parsers keep only well-formed fields.
 */
import { isId, isRecord, listOf, num, oneOf, str } from './guards';

export type AnswerStatus = 'streaming' | 'ok' | 'error' | 'cancelled' | 'incomplete';
export const ANSWER_STATUSES: readonly AnswerStatus[] = ['streaming', 'ok', 'error', 'cancelled', 'incomplete'];

const MAX_TEXT = 2_000_000;
const MAX_LABEL = 300;

/** Code attached to a prompt, as a chip shows it (the code itself stays in the extension). */
export interface Chip {
  kind: 'selection' | 'file';
  path: string;
  startLine: number;
  endLine: number;
  languageId: string;
  /** Estimated input tokens this attachment adds. */
  tokens: number;
  /** Estimated input cost on the active alias; null when its price is unknown. */
  costUsd: number | null;
}

export interface RouteAttempt {
  deploymentId: string;
  outcome: 'ok' | 'error' | 'cancelled';
  errorKind?: string;
  status?: number;
  latencyMs: number;
}

/** Which model answered and what it cost, from the request's CallRecord. */
export interface RouteInfo {
  alias?: string;
  deploymentId?: string;
  model?: string;
  cache: 'hit' | 'semantic-hit' | 'miss' | 'bypass';
  /** Semantic cache similarity (0..1). */
  similarity?: number;
  /** The `auto` tier chosen. */
  tier?: string;
  ttftMs?: number;
  totalMs: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  reasoningTokens: number;
  estimated: boolean;
  costUsd: number | null;
  attempts: RouteAttempt[];
}

/** A button under an answer; the view sends back its id only, the extension knows what it does. */
export interface ActionButton {
  id: string;
  label: string;
}

/** A failed or cut answer as a card the user can act on. */
export interface ErrorCard {
  /** The error kind (`rate_limited`, `auth`...) or `incomplete`. */
  kind: string;
  title: string;
  message: string;
  /** Epoch ms when the cooldown ends: the card counts down to it. */
  retryAt?: number;
  actions: ActionButton[];
}

export interface TurnView {
  requestId: string;
  /** The user's turn as shown (the command's label, or the prompt). */
  prompt: string;
  chips: Chip[];
  /** The alias asked. */
  alias: string;
  answer: AnswerView;
}

export interface AnswerView {
  status: AnswerStatus;
  text: string;
  reasoning: string;
  /** Routing notices in words ("Rate limited on gpt-4o; trying the backup claude"). */
  notices: string[];
  route?: RouteInfo;
  card?: ErrorCard;
  /** Extra buttons from a command (e.g. "Accept edit"), with a note above them. */
  extra?: { note: string; actions: ActionButton[] };
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  turns: number;
}

export function parseChip(v: unknown): Chip | undefined {
  if (!isRecord(v)) return undefined;
  const kind = oneOf(v.kind, ['selection', 'file'] as const);
  const path = str(v.path, 1000);
  const startLine = num(v.startLine);
  const endLine = num(v.endLine);
  const languageId = str(v.languageId, 100);
  const tokens = num(v.tokens);
  if (!kind || path === undefined || startLine === undefined || endLine === undefined || languageId === undefined || tokens === undefined) return undefined;
  return { kind, path, startLine, endLine, languageId, tokens, costUsd: num(v.costUsd) ?? null };
}

function parseAttempt(v: unknown): RouteAttempt | undefined {
  if (!isRecord(v)) return undefined;
  const deploymentId = str(v.deploymentId, MAX_LABEL);
  const outcome = oneOf(v.outcome, ['ok', 'error', 'cancelled'] as const);
  const latencyMs = num(v.latencyMs);
  if (deploymentId === undefined || !outcome || latencyMs === undefined) return undefined;
  const a: RouteAttempt = { deploymentId, outcome, latencyMs };
  const errorKind = str(v.errorKind, 60);
  const status = num(v.status);
  if (errorKind !== undefined) a.errorKind = errorKind;
  if (status !== undefined) a.status = status;
  return a;
}

export function parseRoute(v: unknown): RouteInfo | undefined {
  if (!isRecord(v)) return undefined;
  const cache = oneOf(v.cache, ['hit', 'semantic-hit', 'miss', 'bypass'] as const);
  const totalMs = num(v.totalMs);
  if (!cache || totalMs === undefined) return undefined;
  const r: RouteInfo = {
    cache,
    totalMs,
    inputTokens: num(v.inputTokens) ?? 0,
    outputTokens: num(v.outputTokens) ?? 0,
    cacheReadTokens: num(v.cacheReadTokens) ?? 0,
    reasoningTokens: num(v.reasoningTokens) ?? 0,
    estimated: v.estimated === true,
    costUsd: num(v.costUsd) ?? null,
    attempts: listOf(v.attempts, parseAttempt, 50),
  };
  for (const key of ['alias', 'deploymentId', 'model', 'tier'] as const) {
    const s = str(v[key], MAX_LABEL);
    if (s !== undefined) r[key] = s;
  }
  for (const key of ['similarity', 'ttftMs'] as const) {
    const n = num(v[key]);
    if (n !== undefined) r[key] = n;
  }
  return r;
}

export function parseButton(v: unknown): ActionButton | undefined {
  if (!isRecord(v) || !isId(v.id)) return undefined;
  const label = str(v.label, 80);
  return label ? { id: v.id, label } : undefined;
}

export function parseCard(v: unknown): ErrorCard | undefined {
  if (!isRecord(v)) return undefined;
  const kind = str(v.kind, 60);
  const title = str(v.title, MAX_LABEL);
  const message = str(v.message, 4000);
  if (kind === undefined || title === undefined || message === undefined) return undefined;
  const card: ErrorCard = { kind, title, message, actions: listOf(v.actions, parseButton, 6) };
  const retryAt = num(v.retryAt);
  if (retryAt !== undefined) card.retryAt = retryAt;
  return card;
}

export function parseExtra(v: unknown): AnswerView['extra'] {
  if (!isRecord(v)) return undefined;
  return { note: str(v.note, 1000) ?? '', actions: listOf(v.actions, parseButton, 6) };
}

export function parseAnswer(v: unknown): AnswerView | undefined {
  if (!isRecord(v)) return undefined;
  const status = oneOf(v.status, ANSWER_STATUSES);
  if (!status) return undefined;
  const a: AnswerView = { status, text: str(v.text, MAX_TEXT) ?? '', reasoning: str(v.reasoning, MAX_TEXT) ?? '', notices: listOf(v.notices, (n) => str(n, 1000), 50) };
  const route = parseRoute(v.route);
  const card = parseCard(v.card);
  const extra = parseExtra(v.extra);
  if (route) a.route = route;
  if (card) a.card = card;
  if (extra) a.extra = extra;
  return a;
}

export function parseTurn(v: unknown): TurnView | undefined {
  if (!isRecord(v) || !isId(v.requestId)) return undefined;
  const prompt = str(v.prompt, MAX_TEXT);
  const alias = str(v.alias, MAX_LABEL);
  const answer = parseAnswer(v.answer);
  if (prompt === undefined || alias === undefined || !answer) return undefined;
  return { requestId: v.requestId, prompt, chips: listOf(v.chips, parseChip, 20), alias, answer };
}

export function parseSummary(v: unknown): ConversationSummary | undefined {
  if (!isRecord(v) || !isId(v.id)) return undefined;
  const title = str(v.title, MAX_LABEL);
  const updatedAt = num(v.updatedAt);
  const turns = num(v.turns);
  if (title === undefined || updatedAt === undefined || turns === undefined) return undefined;
  return { id: v.id, title, updatedAt, turns };
}
