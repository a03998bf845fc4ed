/** Small client-side helpers for the fake provider's own tests. */
import { request } from 'node:http';
import { isRecord } from '../../support/fake-provider/is-record';

export interface ParsedEvent {
  event?: string;
  data: string;
}

/** Minimal SSE parser for complete bodies (the router has the real one). */
export function parseSse(text: string): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    const ev: ParsedEvent = { data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) ev.event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    ev.data = data.join('\n');
    out.push(ev);
  }
  return out;
}

export function jsonOf(data: string): Record<string, unknown> {
  const v: unknown = JSON.parse(data);
  if (!isRecord(v)) throw new Error(`not an object: ${data}`);
  return v;
}

export function field(v: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = v;
  for (const key of path) {
    if (typeof key === 'number') cur = Array.isArray(cur) ? cur[key] : undefined;
    else cur = isRecord(cur) ? cur[key] : undefined;
  }
  return cur;
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
  if (signal !== undefined) init.signal = signal;
  return fetch(url, init);
}

export function chatBody(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-test', messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: text }], ...extra };
}

export function anthropicBody(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'claude-test', max_tokens: 100, system: 'You are terse.', messages: [{ role: 'user', content: text }], ...extra };
}

export interface RawResult {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  chunks: Buffer[];
  /** 'end' = complete response; 'error' = socket error / premature close. */
  outcome: 'end' | 'error';
  error?: Error;
}

/** node:http request that reports socket-level outcomes instead of throwing. */
export function rawPost(url: string, body: unknown, timeoutMs = 3000): Promise<RawResult> {
  return new Promise((resolve) => {
    const result: RawResult = { chunks: [], outcome: 'error' };
    const payload = JSON.stringify(body);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } });
    const timer = setTimeout(() => req.destroy(new Error('test timeout')), timeoutMs);
    const finish = (outcome: 'end' | 'error', error?: Error): void => {
      clearTimeout(timer);
      result.outcome = outcome;
      if (error !== undefined) result.error = error;
      resolve(result);
    };
    req.on('response', (res) => {
      result.status = res.statusCode;
      result.headers = res.headers;
      res.on('data', (c: Buffer) => result.chunks.push(c));
      res.on('end', () => finish('end'));
      res.on('error', (e) => finish('error', e));
      res.on('aborted', () => finish('error', new Error('aborted')));
    });
    req.on('error', (e) => finish('error', e));
    req.end(payload);
  });
}
