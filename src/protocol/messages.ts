/**
 * The one typed protocol between the extension and the chat webview. Both
 * sides import this file; each inbound message is validated on arrival
 * (`parseToExtension` / `parseToWebview`) because the other side is untrusted.
 */

/** Upper bound on one prompt, in characters (S9); larger messages are dropped. */
export const MAX_PROMPT_CHARS = 200_000;
const MAX_ID_CHARS = 64;
/** Tool names are short identifiers; anything longer is cut, not trusted. */
export const MAX_TOOL_NAME_CHARS = 200;

/** Messages the webview sends to the extension. */
export type ToExtension =
  /** Handshake: the webview's script is running and can receive state. */
  | { type: 'ready' }
  /** Send a prompt; `requestId` correlates the streamed answer and Stop. */
  | { type: 'send'; requestId: string; text: string }
  /** Abort the request with this id. */
  | { type: 'stop'; requestId: string }
  /** Start over with an empty conversation. */
  | { type: 'clear' }
  /** Configure a provider whose key is in the environment (offered on first run). */
  | { type: 'configureFromEnv'; provider: EnvProvider }
  /** Run a Switchboard command the view links to (allow-listed). */
  | { type: 'runCommand'; command: ViewCommand }
  /** The user clicked the `index`th button the extension put under an answer (`actions`). */
  | { type: 'answerAction'; requestId: string; index: number };

export type EnvProvider = 'openai' | 'anthropic' | 'groq';
export const ENV_PROVIDERS: readonly EnvProvider[] = ['openai', 'anthropic', 'groq'];

export type ViewCommand = 'switchboard.setApiKey' | 'switchboard.openSettings' | 'switchboard.selectAlias';
export const VIEW_COMMANDS: readonly ViewCommand[] = ['switchboard.setApiKey', 'switchboard.openSettings', 'switchboard.selectAlias'];

/** A short, key-free summary of a finished request for the view. */
export interface AnswerSummary {
  status: 'ok' | 'error' | 'cancelled' | 'incomplete';
  deploymentId?: string;
  inputTokens: number;
  outputTokens: number;
  estimated: boolean;
  costUsd: number | null;
  latencyMs: number;
  errorMessage?: string;
}

/** Code attached to a turn, as its chip shows it. */
export interface ChipView {
  /** `file.ts:3-7`. */
  label: string;
  languageId: string;
  /** Workspace-relative path, for the tooltip. */
  path: string;
}

/** At most this many buttons under one answer. */
const MAX_ACTIONS = 8;
const MAX_LABEL_CHARS = 200;

/** Messages the extension sends to the webview. */
export type ToWebview =
  /** Current setup: active alias, and how to get started when nothing is configured. */
  | { type: 'state'; alias: string; configured: boolean; problems: string[]; envProviders: EnvProvider[] }
  | { type: 'text'; requestId: string; text: string }
  | { type: 'reasoning'; requestId: string; text: string }
  /** Routing notices ("rate limited on A, trying B"). */
  | { type: 'notice'; requestId: string; message: string }
  /** The model asked for a tool; the view has no tools, so it only shows the name (plain text). */
  | { type: 'toolCall'; requestId: string; name: string }
  | { type: 'end'; requestId: string; summary: AnswerSummary }
  /** The conversation was cleared (by a command or the view). */
  | { type: 'cleared' }
  /** A turn started outside the composer (a command on the selection): its text, chips and answer to come. */
  | { type: 'turn'; requestId: string; display: string; chips: ChipView[] }
  /** Buttons under an answer (replacing earlier ones); an empty list leaves only the note. */
  | { type: 'actions'; requestId: string; note: string; labels: string[] };

type Parsed<T> = { ok: true; message: T } | { ok: false; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_CHARS && /^[\w-]+$/.test(v);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}

/** Validates a message from the webview; anything not on the allow-list is refused with a reason. */
export function parseToExtension(raw: unknown): Parsed<ToExtension> {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not an object with a string "type"' };
  switch (raw.type) {
    case 'ready':
    case 'clear':
      return { ok: true, message: { type: raw.type } };
    case 'send':
      if (!isId(raw.requestId)) return { ok: false, reason: 'send: bad requestId' };
      if (typeof raw.text !== 'string' || raw.text.trim() === '') return { ok: false, reason: 'send: text must be a non-empty string' };
      if (raw.text.length > MAX_PROMPT_CHARS) return { ok: false, reason: `send: text longer than ${MAX_PROMPT_CHARS} characters` };
      return { ok: true, message: { type: 'send', requestId: raw.requestId, text: raw.text } };
    case 'stop':
      return isId(raw.requestId) ? { ok: true, message: { type: 'stop', requestId: raw.requestId } } : { ok: false, reason: 'stop: bad requestId' };
    case 'configureFromEnv':
      return ENV_PROVIDERS.includes(raw.provider as EnvProvider)
        ? { ok: true, message: { type: 'configureFromEnv', provider: raw.provider as EnvProvider } }
        : { ok: false, reason: 'configureFromEnv: unknown provider' };
    case 'runCommand':
      return VIEW_COMMANDS.includes(raw.command as ViewCommand)
        ? { ok: true, message: { type: 'runCommand', command: raw.command as ViewCommand } }
        : { ok: false, reason: 'runCommand: command not allowed' };
    case 'answerAction':
      if (!isId(raw.requestId) || typeof raw.index !== 'number' || !Number.isInteger(raw.index) || raw.index < 0 || raw.index >= MAX_ACTIONS) {
        return { ok: false, reason: 'answerAction: bad fields' };
      }
      return { ok: true, message: { type: 'answerAction', requestId: raw.requestId, index: raw.index } };
    default:
      return { ok: false, reason: `unknown message type "${raw.type.slice(0, 40)}"` };
  }
}

const SUMMARY_STATUSES = new Set(['ok', 'error', 'cancelled', 'incomplete']);

/** Validates a message from the extension (defence in depth: the webview trusts nothing). */
export function parseToWebview(raw: unknown): Parsed<ToWebview> {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { ok: false, reason: 'not an object with a string "type"' };
  switch (raw.type) {
    case 'state': {
      const { alias, configured, problems, envProviders } = raw;
      if (typeof alias !== 'string' || typeof configured !== 'boolean' || !Array.isArray(problems) || !problems.every((p) => typeof p === 'string')) {
        return { ok: false, reason: 'state: bad fields' };
      }
      const env = Array.isArray(envProviders) ? envProviders.filter((p): p is EnvProvider => ENV_PROVIDERS.includes(p as EnvProvider)) : [];
      return { ok: true, message: { type: 'state', alias, configured, problems, envProviders: env } };
    }
    case 'text':
    case 'reasoning':
    case 'notice': {
      const field = raw.type === 'notice' ? raw.message : raw.text;
      if (!isId(raw.requestId) || typeof field !== 'string') return { ok: false, reason: `${raw.type}: bad fields` };
      if (raw.type === 'notice') return { ok: true, message: { type: 'notice', requestId: raw.requestId, message: field } };
      return { ok: true, message: { type: raw.type, requestId: raw.requestId, text: field } };
    }
    case 'toolCall':
      if (!isId(raw.requestId) || typeof raw.name !== 'string') return { ok: false, reason: 'toolCall: bad fields' };
      return { ok: true, message: { type: 'toolCall', requestId: raw.requestId, name: raw.name.slice(0, MAX_TOOL_NAME_CHARS) } };
    case 'end': {
      const s = raw.summary;
      if (!isId(raw.requestId) || !isRecord(s) || !SUMMARY_STATUSES.has(s.status as string)) return { ok: false, reason: 'end: bad fields' };
      const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
      const summary: AnswerSummary = {
        status: s.status as AnswerSummary['status'],
        inputTokens: num(s.inputTokens),
        outputTokens: num(s.outputTokens),
        estimated: s.estimated === true,
        costUsd: typeof s.costUsd === 'number' && Number.isFinite(s.costUsd) ? s.costUsd : null,
        latencyMs: num(s.latencyMs),
      };
      if (typeof s.deploymentId === 'string') summary.deploymentId = s.deploymentId;
      if (typeof s.errorMessage === 'string') summary.errorMessage = s.errorMessage;
      return { ok: true, message: { type: 'end', requestId: raw.requestId, summary } };
    }
    case 'cleared':
      return { ok: true, message: { type: 'cleared' } };
    case 'turn': {
      if (!isId(raw.requestId) || typeof raw.display !== 'string' || !Array.isArray(raw.chips)) return { ok: false, reason: 'turn: bad fields' };
      const chips: ChipView[] = [];
      for (const c of raw.chips) {
        if (!isRecord(c) || typeof c.label !== 'string' || typeof c.languageId !== 'string' || typeof c.path !== 'string') return { ok: false, reason: 'turn: bad chip' };
        chips.push({ label: c.label.slice(0, MAX_LABEL_CHARS), languageId: c.languageId.slice(0, MAX_LABEL_CHARS), path: c.path.slice(0, 4 * MAX_LABEL_CHARS) });
      }
      return { ok: true, message: { type: 'turn', requestId: raw.requestId, display: raw.display.slice(0, MAX_PROMPT_CHARS), chips } };
    }
    case 'actions': {
      const { labels } = raw;
      if (!isId(raw.requestId) || typeof raw.note !== 'string' || !Array.isArray(labels) || labels.length > MAX_ACTIONS || !labels.every((l) => typeof l === 'string')) {
        return { ok: false, reason: 'actions: bad fields' };
      }
      return { ok: true, message: { type: 'actions', requestId: raw.requestId, note: raw.note.slice(0, 4 * MAX_LABEL_CHARS), labels: labels.map((l: string) => l.slice(0, MAX_LABEL_CHARS)) } };
    }
    default:
      return { ok: false, reason: `unknown message type "${raw.type.slice(0, 40)}"` };
  }
}
