/**
 * Validates behaviours arriving as JSON (control API, CLI scripts). Throws a
 * readable error naming the bad field instead of serving something surprising.
 */
import { isRecord } from './is-record';
import type { Behaviour } from './types';

type FieldType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | 'object' | 'any';

const FIELDS: Record<Behaviour['kind'], Record<string, FieldType>> = {
  answer: {
    text: 'string', chunks: 'string[]', reasoning: 'string', cachedTokens: 'number', cacheWriteTokens: 'number',
    reasoningTokens: 'number', finishReason: 'string', usage: 'object', omitUsage: 'boolean', wordsPerChunk: 'number',
    headersDelayMs: 'number', firstChunkDelayMs: 'number', interChunkDelayMs: 'number',
  },
  error: { status: 'number', body: 'any', headers: 'object', preset: 'string', promptTokens: 'number', maxTokens: 'number', headersDelayMs: 'number' },
  stall: { phase: 'string' },
  cut: { afterChunks: 'number', text: 'string', chunks: 'string[]', interChunkDelayMs: 'number' },
  malformed: { afterChunks: 'number', text: 'string', chunks: 'string[]', interChunkDelayMs: 'number', line: 'string', thenContinue: 'boolean' },
  'in-band-error': { afterChunks: 'number', text: 'string', chunks: 'string[]', interChunkDelayMs: 'number', error: 'object' },
  reset: {},
  replay: {
    file: 'string', status: 'number', headers: 'object', appendDone: 'boolean', splitAt: 'number[]', writeChunkBytes: 'number',
    pauseMs: 'number', interChunkDelayMs: 'number',
  },
};

const REQUIRED: Partial<Record<Behaviour['kind'], string[]>> = {
  stall: ['phase'],
  cut: ['afterChunks'],
  malformed: ['afterChunks'],
  'in-band-error': ['afterChunks'],
  replay: ['file'],
};

function hasType(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'any':
      return true;
    case 'object':
      return isRecord(v);
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'number[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'number');
    default:
      return typeof v === t;
  }
}

function isKind(k: unknown): k is Behaviour['kind'] {
  return typeof k === 'string' && Object.prototype.hasOwnProperty.call(FIELDS, k);
}

export function parseBehaviour(value: unknown, where = 'behaviour'): Behaviour {
  if (!isRecord(value)) throw new Error(`${where}: expected an object`);
  const kind = value.kind;
  if (!isKind(kind)) throw new Error(`${where}.kind: expected one of ${Object.keys(FIELDS).join(', ')}`);
  const fields = FIELDS[kind];
  for (const [key, v] of Object.entries(value)) {
    if (key === 'kind' || v === undefined) continue;
    const t = fields[key];
    if (t === undefined) throw new Error(`${where}.${key}: unknown field for kind '${kind}'`);
    if (!hasType(v, t)) throw new Error(`${where}.${key}: expected ${t}`);
  }
  for (const key of REQUIRED[kind] ?? []) {
    if (value[key] === undefined) throw new Error(`${where}.${key}: required for kind '${kind}'`);
  }
  if (kind === 'stall' && value.phase !== 'headers' && value.phase !== 'first-chunk') {
    throw new Error(`${where}.phase: expected 'headers' or 'first-chunk'`);
  }
  // Every field was checked against the table above for this kind.
  return value as unknown as Behaviour;
}

/** One behaviour or an array of them. */
export function parseBehaviours(value: unknown, where = 'behaviours'): Behaviour[] {
  if (Array.isArray(value)) return value.map((v, i) => parseBehaviour(v, `${where}[${i}]`));
  return [parseBehaviour(value, where)];
}
