/**
 * The chat view model: the shown conversation's turns keyed by request id, the
 * conversation list and the setup/composer state. The DOM is rendered from it;
 * nothing is read back from the DOM. Pure: every change returns new objects for
 * what changed (renderers compare by identity), and keeps the rest.
 */
import type { ConversationSummary, TurnView } from '../../protocol/chat-model';
import type { ToWebview, ViewState } from '../../protocol/messages';

export interface ChatState {
  view: ViewState;
  conversations: ConversationSummary[];
  conversationId: string;
  /** Request ids of the shown conversation, oldest first. */
  order: string[];
  turns: ReadonlyMap<string, TurnView>;
}

export const INITIAL_STATE: ChatState = {
  view: { alias: '', aliases: [], configured: true, problems: [], envProviders: [], canAddProvider: false, busy: null, chips: [] },
  conversations: [],
  conversationId: '',
  order: [],
  turns: new Map(),
};

function updateTurn(state: ChatState, requestId: string, change: (t: TurnView) => TurnView): ChatState {
  const turn = state.turns.get(requestId);
  if (!turn) return state; // a request of a conversation not shown: the extension keeps its text
  const turns = new Map(state.turns);
  turns.set(requestId, change(turn));
  return { ...state, turns };
}

export function chatReducer(state: ChatState, msg: ToWebview): ChatState {
  switch (msg.type) {
    case 'state': {
      const { type: _type, ...view } = msg;
      return { ...state, view };
    }
    case 'history':
      return { ...state, conversations: msg.conversations, conversationId: msg.activeId };
    case 'conversation':
      return { ...state, conversationId: msg.id, order: msg.turns.map((t) => t.requestId), turns: new Map(msg.turns.map((t) => [t.requestId, t])) };
    case 'turn': {
      if (msg.conversationId !== state.conversationId || state.turns.has(msg.turn.requestId)) return state;
      const turns = new Map(state.turns);
      turns.set(msg.turn.requestId, msg.turn);
      return { ...state, order: [...state.order, msg.turn.requestId], turns };
    }
    case 'text':
      return updateTurn(state, msg.requestId, (t) => ({ ...t, answer: { ...t.answer, text: t.answer.text + msg.text } }));
    case 'reasoning':
      return updateTurn(state, msg.requestId, (t) => ({ ...t, answer: { ...t.answer, reasoning: t.answer.reasoning + msg.text } }));
    case 'notice':
      return updateTurn(state, msg.requestId, (t) => ({ ...t, answer: { ...t.answer, notices: [...t.answer.notices, msg.message] } }));
    case 'end':
      return updateTurn(state, msg.requestId, (t) => {
        const answer = { ...t.answer, status: msg.status };
        if (msg.route) answer.route = msg.route;
        if (msg.card) answer.card = msg.card;
        return { ...t, answer };
      });
    case 'answerActions':
      return updateTurn(state, msg.requestId, (t) => ({ ...t, answer: { ...t.answer, extra: { note: msg.note, actions: msg.actions } } }));
    case 'focusPrompt':
      return state;
  }
}

/** The last prompt typed in this conversation (↑ in an empty prompt box recalls it). */
export function lastPrompt(state: ChatState): string | undefined {
  for (let i = state.order.length - 1; i >= 0; i--) {
    const t = state.turns.get(state.order[i] ?? '');
    if (t) return t.prompt;
  }
  return undefined;
}
