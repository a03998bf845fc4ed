import { ProviderConfig } from '../config/switchboard-config';
import { AttemptRecord, CallRecord } from '../model/call-record';
import { providerBaseUrl } from '../providers/provider-endpoint';
import { providerDefinition } from '../providers/registry';
import { redactText } from '../redaction/redact-text';
import { Runtime } from '../orchestrator/runtime';
import { SpanAttributeValue, SpanData } from './span-data';

function providerName(p: ProviderConfig | undefined): string | undefined {
  return p ? providerDefinition(p.kind).telemetryName(p) : undefined;
}

function server(p: ProviderConfig | undefined): Record<string, SpanAttributeValue> {
  const base = p ? providerBaseUrl(p) : undefined;
  if (!base) return {};
  try {
    const url = new URL(base);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    return { 'server.address': url.hostname, 'server.port': port };
  } catch {
    return {};
  }
}

function attemptSpan(runtime: Runtime, a: AttemptRecord, record: CallRecord, answered: boolean): SpanData {
  const d = runtime.deployments.get(a.deploymentId);
  const p = d ? runtime.providers.get(d.provider) : undefined;
  const attributes: Record<string, SpanAttributeValue> = {
    'gen_ai.operation.name': 'chat',
    'switchboard.deployment': a.deploymentId,
    'switchboard.attempt.kind': a.kind,
    'switchboard.attempt.outcome': a.outcome,
    ...server(p),
  };
  const provider = providerName(p);
  if (provider) attributes['gen_ai.provider.name'] = provider;
  if (d) attributes['gen_ai.request.model'] = d.model;
  if (a.errorKind) attributes['error.type'] = a.errorKind;
  if (a.status !== undefined) attributes['http.response.status_code'] = a.status;
  if (a.ttftMs !== undefined) attributes['switchboard.ttft_ms'] = a.ttftMs;
  if (answered) {
    if (record.model) attributes['gen_ai.response.model'] = record.model;
    attributes['gen_ai.usage.input_tokens'] = record.usage.inputTokens;
    attributes['gen_ai.usage.output_tokens'] = record.usage.outputTokens;
    if (record.finishReason) attributes['gen_ai.response.finish_reasons'] = [record.finishReason.raw ?? record.finishReason.unified];
  }
  const span: SpanData = { name: `chat ${d?.model ?? a.deploymentId}`, kind: 'client', startTime: a.startedAt, endTime: a.startedAt + a.latencyMs, attributes, children: [] };
  if (a.outcome === 'error') span.error = a.errorKind ?? 'error';
  return span;
}

/**
 * One request as spans named and attributed by the GenAI semantic conventions:
 * the request, with one client child per attempt. Prompts and answers only with
 * `includeContent`, and then redacted.
 */
export function requestTrace(runtime: Runtime, record: CallRecord, content?: { raw: unknown; answer: string }): SpanData {
  const d = record.deploymentId ? runtime.deployments.get(record.deploymentId) : undefined;
  const p = d ? runtime.providers.get(d.provider) : undefined;
  const attributes: Record<string, SpanAttributeValue> = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': record.requested,
    'gen_ai.usage.input_tokens': record.usage.inputTokens,
    'gen_ai.usage.output_tokens': record.usage.outputTokens,
    'switchboard.request.id': record.id,
    'switchboard.status': record.status,
    'switchboard.cache': record.cache,
    'switchboard.estimated': record.usage.estimated,
    'switchboard.fallback': record.attempts.some((a) => a.kind === 'fallback' || a.kind === 'restart'),
    'switchboard.attempts': record.attempts.length,
    ...server(p),
  };
  const provider = providerName(p);
  if (provider) attributes['gen_ai.provider.name'] = provider;
  if (record.alias) attributes['switchboard.alias'] = record.alias;
  if (record.deploymentId) attributes['switchboard.deployment'] = record.deploymentId;
  if (record.model) attributes['gen_ai.response.model'] = record.model;
  if (record.costUsd !== null) attributes['switchboard.cost_usd'] = record.costUsd;
  if (record.finishReason) attributes['gen_ai.response.finish_reasons'] = [record.finishReason.raw ?? record.finishReason.unified];
  if (record.errorKind) attributes['error.type'] = record.errorKind;
  if (record.origin) attributes['switchboard.origin'] = record.origin;
  if (content) {
    const messages = (content.raw as { messages?: unknown } | null)?.messages;
    attributes['gen_ai.input.messages'] = redactText(JSON.stringify(messages ?? []), [], {});
    attributes['gen_ai.output.messages'] = redactText(JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: content.answer }] }]), [], {});
  }
  const last = record.attempts.length - 1;
  const children = record.attempts.map((a, i) => attemptSpan(runtime, a, record, i === last && a.deploymentId === record.deploymentId));
  const span: SpanData = { name: `chat ${record.requested}`, kind: 'internal', startTime: record.startedAt, endTime: record.endedAt, attributes, children };
  if (record.status === 'error' || record.status === 'incomplete') span.error = record.errorMessage ?? record.errorKind ?? record.status;
  return span;
}
