/**
 * The one typed protocol between the extension and the chat webview. Both
 * sides import this file; each inbound message is validated on arrival
 * (`parseToExtension` / `parseToWebview`) because the other side is untrusted.
 */
import { Chip, ConversationSummary, RouteInfo, ErrorCard, TurnView, AnswerStatus, ActionButton, parseChip, parseSummary, parseTurn, parseRoute, parseCard, parseButton, parseExtra } from './chat-model';
import { Parsed, isId, isRecord, listOf, oneOf, str } from './guards';

export { assertNever } from './guards';
export type { Parsed } from './guards';

/** Upper bound on one prompt, in characters (S9); larger messages are dropped. */
export const MAX_PROMPT_CHARS = 200_000;
/** Upper bound on a code block sent back for Copy / Insert / Apply. */
export const MAX_CODE_CHARS = 1_000_000;
/** Tool names are short identifiers; anything longer is cut, not trusted. */
export const MAX_TOOL_NAME_CHARS = 200;

export type CodeAction = 'copy' | 'insert' | 'apply' | 'newFile';
export const CODE_ACTIONS: readonly CodeAction[] = ['copy', 'insert', 'apply', 'newFile'];

/** Messages the webview sends to the extension. */
export type ToExtension =
  /** Handshake: the webview's script is running and can receive state. */
  | { type: 'ready' }
  /** Send a prompt (with the composer's chips); `requestId` correlates the streamed answer and Stop. */
  | { type: 'send'; requestId: string; text: string }
  /** Abort the request with this id. */
  | { type: 'stop'; requestId: string }
  /** Start a new, empty conversation (the old one stays in history). */
  | { type: 'newChat' }
  | { type: 'openConversation'; id: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'clearHistory' }
  /** The alias picked in the view header (written to switchboard.activeAlias). */
  | { type: 'setAlias'; alias: string }
  /** Attach the active editor's selection or whole file to the next prompt. */
  | { type: 'attach'; what: 'selection' | 'file' }
  | { type: 'removeChip'; index: number }
  /** A button under an answer (error card action or a command's action), by the id the extension gave it. */
  | { type: 'action'; requestId: string; actionId: string }
  /** A code block's button; `code` is the block's text as rendered. */
  | { type: 'codeAction'; requestId: string; action: CodeAction; code: string; language: string }
  /** A link in an answer; the extension asks before opening it (S4). */
  | { type: 'openLink'; href: string }
  /** Configure a provider whose key is in the environment (offered on first run). */
  | { type: 'configureFromEnv'; provider: EnvProvider }
  /** Run a Switchboard command the view links to (allow-listed). */
  | { type: 'runCommand'; command: ViewCommand };

export type EnvProvider = 'openai' | 'anthropic' | 'groq';
export const ENV_PROVIDERS: readonly EnvProvider[] = ['openai', 'anthropic', 'groq'];

export type ViewCommand = 'switchboard.addProvider' | 'switchboard.setApiKey' | 'switchboard.openSettings' | 'switchboard.selectAlias' | 'switchboard.showSpending';
export const VIEW_COMMANDS: readonly ViewCommand[] = ['switchboard.addProvider', 'switchboard.setApiKey', 'switchboard.openSettings', 'switchboard.selectAlias', 'switchboard.showSpending'];

/** Setup and composer state: what the header, the empty view and the composer show. */
export interface ViewState {
  alias: string;
  /** Every alias the picker offers (includes `auto` when auto routing is configured). */
  aliases: string[];
  configured: boolean;
  problems: string[];
  envProviders: EnvProvider[];
  /** "Add Provider" exists in this VS Code (offered first on the empty view). */
  canAddProvider: boolean;
  /** The request running anywhere in the view (one at a time across conversations), or null. */
  busy: string | null;
  /** The composer's attachments for the next prompt. */
  chips: Chip[];
}

/** Messages the extension sends to the webview. */
export type ToWebview =
  | ({ type: 'state' } & ViewState)
  /** The conversation list (newest first) and which one is shown. */
  | { type: 'history'; conversations: ConversationSummary[]; activeId: string }
  /** Shows a whole conversation (restore after reload, switching, New chat). */
  | { type: 'conversation'; id: string; turns: TurnView[] }
  /** A new request in the shown conversation: the user's turn and an empty streaming answer. */
  | { type: 'turn'; conversationId: string; turn: TurnView }
  | { type: 'text'; requestId: string; text: string }
  | { type: 'reasoning'; requestId: string; text: string }
  /** Routing notices, in words ("Rate limited on A; trying B"). */
  | { type: 'notice'; requestId: string; message: string }
  /** The answer ended: its status, route label and, when it failed or was cut, a card. */
  | { type: 'end'; requestId: string; status: Exclude<AnswerStatus, 'streaming'>; route?: RouteInfo; card?: ErrorCard }
  /** Buttons a command shows under its answer (replaces earlier ones). */
  | { type: 'answerActions'; requestId: string; note: string; actions: ActionButton[] }
  /** Put the cursor in the prompt box (after a command's answer, New chat...). */
  | { type: 'focusPrompt' };

const MAX_ALIAS = 200;

/** Validates a message from the webview; anything not on the allow-list is refused with a reason. */
export function parseToExtension(raw: unknown): Parsed<ToExtension> {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not an object with a string "type"' };
  const bad = (what: string): Parsed<ToExtension> => ({ ok: false, reason: `${String(raw.type)}: ${what}` });
  const ok = (message: ToExtension): Parsed<ToExtension> => ({ ok: true, message });
  switch (raw.type) {
    case 'ready':
    case 'newChat':
    case 'clearHistory':
      return ok({ type: raw.type });
    case 'send':
      if (!isId(raw.requestId)) return bad('bad requestId');
      if (typeof raw.text !== 'string' || raw.text.trim() === '') return bad('text must be a non-empty string');
      if (raw.text.length > MAX_PROMPT_CHARS) return bad(`text longer than ${MAX_PROMPT_CHARS} characters`);
      return ok({ type: 'send', requestId: raw.requestId, text: raw.text });
    case 'stop':
      return isId(raw.requestId) ? ok({ type: 'stop', requestId: raw.requestId }) : bad('bad requestId');
    case 'openConversation':
    case 'deleteConversation':
      return isId(raw.id) ? ok({ type: raw.type, id: raw.id }) : bad('bad id');
    case 'setAlias':
      return typeof raw.alias === 'string' && raw.alias.length > 0 && raw.alias.length <= MAX_ALIAS ? ok({ type: 'setAlias', alias: raw.alias }) : bad('bad alias');
    case 'attach': {
      const what = oneOf(raw.what, ['selection', 'file'] as const);
      return what ? ok({ type: 'attach', what }) : bad('what must be "selection" or "file"');
    }
    case 'removeChip':
      return Number.isInteger(raw.index) && (raw.index as number) >= 0 ? ok({ type: 'removeChip', index: raw.index as number }) : bad('bad index');
    case 'action':
      return isId(raw.requestId) && isId(raw.actionId) ? ok({ type: 'action', requestId: raw.requestId, actionId: raw.actionId }) : bad('bad ids');
    case 'codeAction': {
      const action = oneOf(raw.action, CODE_ACTIONS);
      if (!isId(raw.requestId) || !action) return bad('bad requestId or action');
      if (typeof raw.code !== 'string' || raw.code.length > MAX_CODE_CHARS) return bad(`code must be a string of at most ${MAX_CODE_CHARS} characters`);
      return ok({ type: 'codeAction', requestId: raw.requestId, action, code: raw.code, language: str(raw.language, 60) ?? '' });
    }
    case 'openLink':
      return typeof raw.href === 'string' && raw.href.length > 0 && raw.href.length <= 8000 ? ok({ type: 'openLink', href: raw.href }) : bad('bad href');
    case 'configureFromEnv':
      return ENV_PROVIDERS.includes(raw.provider as EnvProvider) ? ok({ type: 'configureFromEnv', provider: raw.provider as EnvProvider }) : bad('unknown provider');
    case 'runCommand':
      return VIEW_COMMANDS.includes(raw.command as ViewCommand) ? ok({ type: 'runCommand', command: raw.command as ViewCommand }) : bad('command not allowed');
    default:
      return { ok: false, reason: `unknown message type "${raw.type.slice(0, 40)}"` };
  }
}

const END_STATUSES = ['ok', 'error', 'cancelled', 'incomplete'] as const;

/** Validates a message from the extension (defence in depth: the webview trusts nothing). */
export function parseToWebview(raw: unknown): Parsed<ToWebview> {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not an object with a string "type"' };
  const bad = (what: string): Parsed<ToWebview> => ({ ok: false, reason: `${String(raw.type)}: ${what}` });
  const ok = (message: ToWebview): Parsed<ToWebview> => ({ ok: true, message });
  switch (raw.type) {
    case 'state': {
      const alias = str(raw.alias, MAX_ALIAS);
      if (alias === undefined || typeof raw.configured !== 'boolean') return bad('bad fields');
      return ok({
        type: 'state',
        alias,
        aliases: listOf(raw.aliases, (a) => str(a, MAX_ALIAS), 200),
        configured: raw.configured,
        problems: listOf(raw.problems, (p) => str(p, 2000), 50),
        envProviders: listOf(raw.envProviders, (p) => oneOf(p, ENV_PROVIDERS), 3),
        canAddProvider: raw.canAddProvider === true,
        busy: isId(raw.busy) ? raw.busy : null,
        chips: listOf(raw.chips, parseChip, 20),
      });
    }
    case 'history':
      if (!isId(raw.activeId)) return bad('bad activeId');
      return ok({ type: 'history', conversations: listOf(raw.conversations, parseSummary, 500), activeId: raw.activeId });
    case 'conversation':
      if (!isId(raw.id)) return bad('bad id');
      return ok({ type: 'conversation', id: raw.id, turns: listOf(raw.turns, parseTurn, 1000) });
    case 'turn': {
      const turn = parseTurn(raw.turn);
      return isId(raw.conversationId) && turn ? ok({ type: 'turn', conversationId: raw.conversationId, turn }) : bad('bad turn');
    }
    case 'text':
    case 'reasoning':
    case 'notice': {
      const field = raw.type === 'notice' ? raw.message : raw.text;
      if (!isId(raw.requestId) || typeof field !== 'string') return bad('bad fields');
      if (raw.type === 'notice') return ok({ type: 'notice', requestId: raw.requestId, message: field.slice(0, 1000) });
      return ok({ type: raw.type, requestId: raw.requestId, text: field });
    }
    case 'end': {
      const status = oneOf(raw.status, END_STATUSES);
      if (!isId(raw.requestId) || !status) return bad('bad fields');
      const message: Extract<ToWebview, { type: 'end' }> = { type: 'end', requestId: raw.requestId, status };
      const route = parseRoute(raw.route);
      const card = parseCard(raw.card);
      if (route) message.route = route;
      if (card) message.card = card;
      return ok(message);
    }
    case 'answerActions': {
      const extra = parseExtra(raw);
      return isId(raw.requestId) && extra ? ok({ type: 'answerActions', requestId: raw.requestId, note: extra.note, actions: listOf(raw.actions, parseButton, 6) }) : bad('bad fields');
    }
    case 'focusPrompt':
      return ok({ type: 'focusPrompt' });
    default:
      return { ok: false, reason: `unknown message type "${raw.type.slice(0, 40)}"` };
  }
}

