import { AttemptNotice, CallRecord, ChatMessage, Orchestrator, SwitchboardError, SwitchboardConfig } from '../../core/index';
import type { ToWebview } from '../../protocol/messages';
import type { ChatOutcome } from './chat-surface';
import type { StoredTurn } from './chat-history';
import { describeNotice } from './describe-notice';
import { CardSpec, errorCard, incompleteCard } from './error-card';
import { routeInfo } from './route-info';

export interface RunTurnDeps {
  orchestrator: Orchestrator;
  config: SwitchboardConfig | undefined;
  /** Sends to the view when the turn's conversation is the one shown. */
  post: (message: ToWebview) => void;
  now: () => number;
}

/** The soonest a deployment of `alias` leaves its cooldown (for the card's countdown). */
function cooldownEnd(orchestrator: Orchestrator, config: SwitchboardConfig | undefined, alias: string, now: number): number | undefined {
  const ids = new Set(config?.aliases[alias]?.deployments ?? [alias]);
  const ends = orchestrator.health().flatMap((h) => (ids.has(h.deploymentId) && h.cooldownUntil !== undefined && h.cooldownUntil > now ? [h.cooldownUntil] : []));
  return ends.length ? Math.min(...ends) : undefined;
}

/**
 * Streams one turn's answer into the stored turn (the source of truth) and the
 * view, and finishes it with its route label and, when it failed or was cut,
 * a card with actions. Resolves with the outcome; never throws.
 */
export async function runTurn(turn: StoredTurn, messages: ChatMessage[], signal: AbortSignal, deps: RunTurnDeps): Promise<ChatOutcome> {
  const { requestId } = turn;
  const answer = turn.answer;
  let cacheHit: Extract<AttemptNotice, { kind: 'cache-hit' }> | undefined;
  let record: CallRecord | undefined;
  let failure: { kind: SwitchboardError['kind'] | 'internal'; message: string; retryAfterMs?: number; deploymentId?: string } | undefined;
  try {
    for await (const ev of deps.orchestrator.stream({ model: turn.alias, messages }, { signal, origin: turn.origin })) {
      switch (ev.type) {
        case 'text':
          answer.text += ev.text;
          deps.post({ type: 'text', requestId, text: ev.text });
          break;
        case 'reasoning':
          answer.reasoning += ev.text;
          deps.post({ type: 'reasoning', requestId, text: ev.text });
          break;
        case 'attempt': {
          if (ev.notice.kind === 'cache-hit') cacheHit = ev.notice;
          const message = describeNotice(ev.notice);
          answer.notices = [...answer.notices, message];
          deps.post({ type: 'notice', requestId, message });
          break;
        }
        case 'tool-call': {
          // The chat runs no tools; say so instead of dropping the call silently.
          const message = `The model asked to call the tool "${ev.name.slice(0, 200)}"; the chat view does not run tools.`;
          answer.notices = [...answer.notices, message];
          deps.post({ type: 'notice', requestId, message });
          break;
        }
        case 'tool-call-start':
        case 'tool-call-delta':
        case 'tool-call-end':
          // The complete `tool-call` event that follows is all the view shows (it runs no tools).
          break;
        case 'thinking-block':
          // Signed reasoning for a tool loop; its text came as `reasoning`, and the view runs no tools.
          break;
        case 'done':
          record = ev.record;
          break;
        case 'error':
          record = ev.record;
          failure = { kind: ev.error.kind, message: ev.error.message, ...(ev.error.retryAfterMs !== undefined ? { retryAfterMs: ev.error.retryAfterMs } : {}), ...(ev.error.deploymentId !== undefined ? { deploymentId: ev.error.deploymentId } : {}) };
          break;
      }
    }
  } catch (err) {
    if (SwitchboardError.isInstance(err)) {
      record = err.record ?? record;
      failure = { kind: err.kind, message: err.message, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}), ...(err.deploymentId !== undefined ? { deploymentId: err.deploymentId } : {}) };
    } else {
      failure = { kind: 'internal', message: `Switchboard failed unexpectedly: ${err instanceof Error ? err.message : String(err)}. The log (Switchboard: Show Log) has details.` };
    }
  }
  const status = signal.aborted || record?.status === 'cancelled' || failure?.kind === 'cancelled' ? 'cancelled' : (record?.status ?? (failure ? 'error' : 'ok'));
  let spec: CardSpec | undefined;
  if (status === 'incomplete') spec = incompleteCard(record?.errorMessage ?? 'The answer stopped before it was finished.');
  else if (status === 'error') {
    const f = failure ?? { kind: record?.errorKind ?? 'internal', message: record?.errorMessage ?? 'The request failed.' };
    const now = deps.now();
    spec = errorCard(f.kind === 'internal' ? { ...f, kind: 'server' } : { ...f, kind: f.kind }, turn.alias, deps.config, now, cooldownEnd(deps.orchestrator, deps.config, turn.alias, now));
    if (f.kind === 'internal') spec.card.title = 'Something went wrong inside Switchboard';
  }
  answer.status = status;
  if (record) answer.route = routeInfo(record, cacheHit);
  if (spec) {
    answer.card = spec.card;
    turn.cardActions = spec.actions;
  }
  deps.post({ type: 'end', requestId, status, ...(answer.route ? { route: answer.route } : {}), ...(answer.card ? { card: answer.card } : {}) });
  const text = answer.text;
  switch (status) {
    case 'ok':
      return { status, requestId, text };
    case 'cancelled':
      return { status, requestId, text };
    case 'incomplete':
      return { status, requestId, text, message: answer.card?.message ?? 'incomplete' };
    default:
      return { status: 'error', requestId, text, message: answer.card ? `${answer.card.title}: ${answer.card.message}` : 'The request failed.' };
  }
}

/** The messages sent for a turn: earlier turns that got an answer, bounded (oldest dropped first), then this one. */
export function contextFor(turns: readonly StoredTurn[], current: StoredTurn, maxMessages = 40): ChatMessage[] {
  // A command on the selection stands alone: its prompt and code are the whole question (earlier
  // chat turns would cost tokens and steer the answer). A later chat turn still sees it as context.
  if (current.origin !== 'chat') return [{ role: 'user', content: current.sent }];
  const earlier: ChatMessage[] = [];
  for (const t of turns) {
    if (t === current) break;
    if (t.answer.text === '' || t.answer.status === 'error' || t.answer.status === 'streaming') continue;
    earlier.push({ role: 'user', content: t.sent }, { role: 'assistant', content: t.answer.text });
  }
  const keep = Math.floor((maxMessages - 1) / 2) * 2; // whole user/assistant pairs
  return [...earlier.slice(Math.max(0, earlier.length - keep)), { role: 'user', content: current.sent }];
}
