/**
 * HTTP control surface for out-of-process use (CLI child processes):
 *   POST /__control/enqueue   body: behaviour | behaviour[]
 *   POST /__control/forModel  body: { model, behaviour } (single = sticky) | { model, behaviours: [...] } (queued)
 *   POST /__control/default   body: behaviour | null
 *   POST /__control/reset     clears scripts and recorded requests
 *   GET  /__control/requests  -> { requests: RecordedRequest[] }
 * Answers { ok: true } or 400 { error }. Control calls are not recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBehaviour, parseBehaviours } from './behaviour-parse';
import { isRecord } from './is-record';
import type { Behaviour, RecordedRequest } from './types';

export const CONTROL_PREFIX = '/__control/';

export interface ControlTarget {
  enqueue(...b: Behaviour[]): void;
  forModel(model: string, b: Behaviour | Behaviour[]): void;
  setDefault(b: Behaviour | undefined): void;
  reset(): void;
  readonly requests: RecordedRequest[];
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function apply(action: string, method: string, body: unknown, target: ControlTarget): unknown {
  if (method === 'GET' && action === 'requests') return { requests: target.requests };
  if (method !== 'POST') throw new Error(`unsupported: ${method} ${CONTROL_PREFIX}${action}`);
  switch (action) {
    case 'enqueue':
      target.enqueue(...parseBehaviours(body));
      return { ok: true };
    case 'forModel': {
      if (!isRecord(body) || typeof body.model !== 'string') throw new Error('forModel: expected { model: string, behaviour | behaviours }');
      if (body.behaviours !== undefined) target.forModel(body.model, parseBehaviours(body.behaviours, 'behaviours'));
      else if (Array.isArray(body.behaviour)) target.forModel(body.model, parseBehaviours(body.behaviour, 'behaviour'));
      else target.forModel(body.model, parseBehaviour(body.behaviour));
      return { ok: true };
    }
    case 'default':
      target.setDefault(body === null || body === '' ? undefined : parseBehaviour(body));
      return { ok: true };
    case 'reset':
      target.reset();
      return { ok: true };
    default:
      throw new Error(`unknown control action '${action}'`);
  }
}

export function handleControl(req: IncomingMessage, res: ServerResponse, pathname: string, body: unknown, target: ControlTarget): void {
  try {
    reply(res, 200, apply(pathname.slice(CONTROL_PREFIX.length), req.method ?? 'GET', body, target));
  } catch (err) {
    reply(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
