/**
 * Reads a request body and turns the request into a RecordedRequest.
 */
import type { IncomingMessage } from 'node:http';
import { isRecord } from './is-record';
import type { RouteMatch } from './routes';
import type { RecordedRequest } from './types';

/** Full body as text, or undefined when the client went away before it arrived. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of req) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  } catch {
    return undefined;
  }
  return Buffer.concat(parts).toString('utf8');
}

export function parseBody(text: string): unknown {
  if (text.trim() === '') return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    return text;
  }
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function buildRecord(id: string, req: IncomingMessage, url: URL, match: RouteMatch, arrivedAt: number): RecordedRequest {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const record: RecordedRequest = {
    id,
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    headers: lowerHeaders(req),
    body: undefined,
    route: match.route,
    format: match.format,
    model: match.deployment,
    stream: false,
    arrivedAt,
    chunkWrittenAt: [],
    clientAborted: false,
  };
  if (match.deployment !== undefined) record.deployment = match.deployment;
  const apiVersion = url.searchParams.get('api-version');
  if (apiVersion !== null) record.apiVersion = apiVersion;
  return record;
}

/** Fills body-derived fields once the body has arrived. */
export function applyBody(record: RecordedRequest, body: unknown): void {
  record.body = body;
  if (!isRecord(body)) return;
  if (typeof body.model === 'string') record.model = body.model;
  record.stream = body.stream === true;
}
