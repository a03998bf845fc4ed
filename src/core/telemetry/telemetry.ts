import { TelemetryConfig } from '../config/switchboard-config';
import { RequestScope, ScopeStage, StageRun } from '../orchestrator/pipeline/stage';
import { Runtime } from '../orchestrator/runtime';
import { LogSink } from '../ports';
import { requestTrace } from './request-trace';
import { TraceSink } from './span-data';

type OtelSdk = typeof import('./otel-sdk');

export interface TelemetryOptions {
  /** OTLP headers (an API key for a hosted collector), from SecretStorage; read at each export. */
  headers?: () => Promise<Record<string, string> | undefined> | Record<string, string> | undefined;
  log?: LogSink;
  serviceVersion?: string;
  now?: () => number;
  /** Loads the SDK module (tests may count loads); by default on first use. */
  load?: () => OtelSdk;
}

/** How often dropped spans are reported in the log, at most. */
const DROP_LOG_INTERVAL_MS = 30_000;

/** The collector's traces URL: the exporter's `/v1/traces` path appended when missing. */
export function tracesUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (!url.pathname.endsWith('/v1/traces')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return url.toString();
}

export interface Telemetry {
  /** The pipeline's outermost stage: one trace per request, when `telemetry.otlp` is configured. */
  readonly stage: ScopeStage;
  /** Exports what is queued and reports drops. */
  flush(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * OpenTelemetry traces (opt-in): nothing is loaded until a config names an
 * OTLP endpoint; a changed endpoint replaces the exporter. Export happens in
 * the background, bounded, so a dead collector never slows or fails a request.
 */
export function createTelemetry(opts: TelemetryOptions = {}): Telemetry {
  const now = opts.now ?? Date.now;
  let current: { key: string; sink: TraceSink | undefined; includeContent: boolean } | undefined;
  let dropped = { count: 0, reason: '', loggedAt: 0 };

  const reportDrops = (force: boolean): void => {
    if (dropped.count === 0 || (!force && now() - dropped.loggedAt < DROP_LOG_INTERVAL_MS)) return;
    opts.log?.warn(`Telemetry: ${dropped.count} span(s) dropped (${dropped.reason}); requests are not affected.`);
    dropped = { count: 0, reason: '', loggedAt: now() };
  };

  const create = (otlp: NonNullable<TelemetryConfig['otlp']>): TraceSink | undefined => {
    try {
      const sdk = opts.load ? opts.load() : (require('./otel-sdk') as OtelSdk);
      return sdk.createOtlpSink({
        url: tracesUrl(otlp.endpoint),
        headers: async () => (await opts.headers?.()) ?? {},
        serviceVersion: opts.serviceVersion ?? '0.0.0',
        now,
        onDropped(count, reason) {
          dropped.count += count;
          dropped.reason = reason;
          reportDrops(false);
        },
      });
    } catch (err) {
      opts.log?.error(`Telemetry is off: the OpenTelemetry exporter could not start (${err instanceof Error ? err.message : String(err)}).`);
      return undefined;
    }
  };

  const sinkFor = (runtime: Runtime): { sink: TraceSink; includeContent: boolean } | undefined => {
    const otlp = runtime.config.telemetry?.otlp;
    const key = otlp ? JSON.stringify([otlp.endpoint, otlp.includeContent === true]) : '';
    if (current?.key !== key) {
      const old = current?.sink;
      if (old) void old.shutdown().catch(() => undefined);
      current = { key, sink: otlp ? create(otlp) : undefined, includeContent: otlp?.includeContent === true };
    }
    return current.sink ? { sink: current.sink, includeContent: current.includeContent } : undefined;
  };

  const traced = async function* (scope: RequestScope, next: (scope: RequestScope) => StageRun, target: { sink: TraceSink; includeContent: boolean }): StageRun {
    try {
      return yield* next(scope);
    } finally {
      const outcome = scope.record.finished;
      if (outcome) {
        try {
          target.sink.record(() => requestTrace(scope.runtime, outcome.record, target.includeContent ? { raw: scope.raw, answer: outcome.content } : undefined), 1 + outcome.record.attempts.length);
        } catch (err) {
          opts.log?.warn(`Telemetry: a span could not be recorded (${err instanceof Error ? err.message : String(err)}).`);
        }
      }
    }
  };

  return {
    // Without a sink it hands back the pipeline's run itself: no async layer on every event.
    stage: (scope, next) => {
      const target = sinkFor(scope.runtime);
      return target ? traced(scope, next, target) : next(scope);
    },
    async flush() {
      await current?.sink?.flush().catch(() => undefined);
      reportDrops(true);
    },
    async dispose() {
      const sink = current?.sink;
      current = undefined;
      await sink?.shutdown().catch(() => undefined);
      reportDrops(true);
    },
  };
}
