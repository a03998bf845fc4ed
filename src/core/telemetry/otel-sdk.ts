/**
 * The only module that imports the OpenTelemetry SDK. Loaded on first use when
 * telemetry is configured (bundled as its own file), so activation never pays
 * for it. Spans go through a bounded batch queue to an OTLP/HTTP (JSON) exporter:
 * a dead collector costs a failed background export, never a request.
 */
import { Context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ReadableSpan, SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { SpanData, TraceSink } from './span-data';

export interface OtlpSinkOptions {
  /** Full traces URL (with `/v1/traces`). */
  url: string;
  headers: () => Promise<Record<string, string>>;
  serviceVersion: string;
  /** Called with how many spans could not be delivered, and why. */
  onDropped(count: number, reason: string): void;
  /** Spans kept while the collector is slow or down; beyond it they are dropped. */
  maxQueueSize?: number;
  now?: () => number;
}

/** After a failed export, spans are dropped unbuilt for this long, doubling up to the maximum while it stays down. */
const FIRST_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 60_000;

/** Reports each export's spans as they leave the queue, and the ones the collector never got. */
function countingExporter(inner: SpanExporter, settled: (count: number, failure?: string) => void): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: (r: ExportResult) => void): void {
      inner.export(spans, (result) => {
        settled(spans.length, result.code === ExportResultCode.SUCCESS ? undefined : (result.error?.message ?? 'export failed'));
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}

export function createOtlpSink(opts: OtlpSinkOptions): TraceSink {
  const exporter = new OTLPTraceExporter({ url: opts.url, headers: opts.headers, timeoutMillis: 5_000, concurrencyLimit: 4 });
  const maxQueueSize = opts.maxQueueSize ?? 2048;
  const now = opts.now ?? Date.now;
  /** Spans handed to the batch processor and not yet exported (it drops silently when full: counted here). */
  let queued = 0;
  // A circuit breaker: while the collector is down, requests skip building spans at all.
  let pausedUntil = 0;
  let pauseMs = FIRST_PAUSE_MS;
  let lastFailure = '';
  const settled = (count: number, failure?: string): void => {
    queued = Math.max(0, queued - count);
    if (failure === undefined) {
      pauseMs = FIRST_PAUSE_MS;
      pausedUntil = 0;
      return;
    }
    lastFailure = failure;
    pausedUntil = now() + pauseMs;
    pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
    opts.onDropped(count, failure);
  };
  const processor = new BatchSpanProcessor({ exporter: countingExporter(exporter, settled), maxQueueSize, maxExportBatchSize: 512, scheduledDelayMillis: 1_000, exportTimeoutMillis: 5_000 });
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': 'switchboard', 'service.version': opts.serviceVersion }), spanProcessors: [processor] });
  const tracer = provider.getTracer('switchboard', opts.serviceVersion);

  const emit = (data: SpanData, parent: Context): void => {
    const span = tracer.startSpan(data.name, { kind: data.kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL, startTime: data.startTime, attributes: data.attributes }, parent);
    if (data.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: data.error });
    const ctx = trace.setSpan(parent, span);
    for (const child of data.children) emit(child, ctx);
    span.end(data.endTime);
  };

  return {
    record(build, spanCount) {
      if (now() < pausedUntil) {
        opts.onDropped(spanCount, `the collector is unreachable: ${lastFailure}`);
        return;
      }
      const data = build();
      const spans = 1 + data.children.length;
      if (queued + spans > maxQueueSize) {
        opts.onDropped(spans, `the span queue is full (${maxQueueSize}); the collector is not keeping up`);
        return;
      }
      queued += spans;
      emit(data, ROOT_CONTEXT);
    },
    async flush() {
      await provider.forceFlush();
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}
