import { CallRecord, RecordStatus } from '../model/call-record';
import { CallOptions } from '../model/chat-request';
import { StreamEvent } from '../model/stream-event';
import { SwitchboardError } from '../model/switchboard-error';
import { validateChatRequest } from '../model/validate-chat-request';
import { resolveTarget } from '../router/resolve-target';
import { RouteResult, Router } from '../router/router';
import { requestSignal } from './deadline';
import { usageOrEstimate } from './estimate-usage';
import { PriceFn } from './price-from-config';
import { Runtime } from './runtime';
import { ZERO_USAGE } from '../model/usage';

export interface RequestServices {
  router: Router;
  price: PriceFn;
  newId: () => string;
  workspace?: string;
  /** Persists and broadcasts a finished record; never throws. */
  publish(record: CallRecord): Promise<void>;
}

function statusOf(result: RouteResult): RecordStatus {
  const end = result.end;
  if (end.outcome === 'ok') return 'ok';
  if (end.error.kind === 'cancelled') return 'cancelled';
  return end.receivedOutput ? 'incomplete' : 'error';
}

/**
 * The life of one request (architecture.md): validate, resolve, route, then
 * turn the outcome into exactly one terminal event carrying the CallRecord.
 */
export async function* runRequest(runtime: Runtime, services: RequestServices, raw: unknown, opts: CallOptions, stream: boolean): AsyncGenerator<StreamEvent, void, undefined> {
  const startedAt = runtime.now();
  const requested = typeof (raw as { model?: unknown } | null)?.model === 'string' ? (raw as { model: string }).model : '';
  const base = (): CallRecord => {
    const r: CallRecord = { id: services.newId(), requested, attempts: [], usage: { ...ZERO_USAGE }, costUsd: 0, priceSource: 'free', cache: 'bypass', status: 'error', startedAt, endedAt: runtime.now() };
    if (opts.origin !== undefined) r.origin = opts.origin;
    if (services.workspace !== undefined) r.workspace = services.workspace;
    return r;
  };

  let request;
  let target;
  try {
    request = validateChatRequest(raw);
    target = resolveTarget(request.model, runtime, request);
  } catch (err) {
    const error = SwitchboardError.isInstance(err) ? err : new SwitchboardError({ kind: 'bad_request', message: String(err) });
    // Nothing was sent: the record says so, with no cost.
    const record = { ...base(), errorKind: error.kind, errorMessage: error.message };
    await services.publish(record);
    yield { type: 'error', error, record, content: '' };
    return;
  }

  const { signal, release } = requestSignal(opts.signal, runtime.timeouts.overallMs);
  let content = '';
  let result: RouteResult;
  try {
    const route = services.router({ runtime, target, request, stream, signal, options: opts });
    let step = await route.next();
    while (!step.done) {
      const ev = step.value;
      if (ev.type === 'notice') {
        // A labelled restart replaces the partial answer (the caller opted in).
        if (ev.notice.kind === 'restart') content = '';
        yield { type: 'attempt', notice: ev.notice };
      }
      else if (ev.part.type === 'text-delta') {
        content += ev.part.text;
        yield { type: 'text', text: ev.part.text };
      } else if (ev.part.type === 'reasoning-delta') yield { type: 'reasoning', text: ev.part.text };
      else yield { type: 'tool-call', id: ev.part.id, name: ev.part.name, arguments: ev.part.arguments };
      step = await route.next();
    }
    result = step.value;
  } finally {
    release();
  }

  const end = result.end;
  const record: CallRecord = { ...base(), attempts: result.attempts, status: statusOf(result), cache: 'miss', endedAt: runtime.now() };
  if (target.kind === 'alias') record.alias = target.name;
  if (target.route) record.route = target.route;
  const d = result.deployment;
  if (d) {
    record.deploymentId = d.id;
    record.provider = d.provider;
    record.model = d.model;
    const reported = 'usage' in end ? end.usage : undefined;
    const sentAnything = result.attempts.length > 0;
    record.usage = sentAnything ? usageOrEstimate(reported, request, content) : { ...ZERO_USAGE };
    const quote = services.price(d, record.usage);
    record.costUsd = quote.costUsd;
    record.priceSource = quote.source;
  }
  if ('finishReason' in end && end.finishReason) record.finishReason = end.finishReason;
  if ('ttftMs' in end && end.ttftMs !== undefined) record.ttftMs = end.ttftMs;
  if (end.outcome === 'error') {
    record.errorKind = end.error.kind;
    record.errorMessage = end.error.message;
  }
  await services.publish(record);
  if (end.outcome === 'ok') yield { type: 'done', record, content };
  else if (record.status === 'incomplete') yield { type: 'done', record, content };
  else yield { type: 'error', error: end.error, record, content };
}
