/** A finished span as the core describes it, independent of the OpenTelemetry SDK (which only exports it). */
export type SpanAttributeValue = string | number | boolean | string[];

export interface SpanData {
  name: string;
  /** `client` for a call to a provider, `internal` for the request as a whole. */
  kind: 'internal' | 'client';
  startTime: number;
  endTime: number;
  attributes: Record<string, SpanAttributeValue>;
  error?: string;
  children: SpanData[];
}

/** Where finished request traces go (the OTLP exporter, loaded only when configured). */
export interface TraceSink {
  /** Records one request's spans; `build` is not even called while the collector is known to be down. */
  record(build: () => SpanData, spanCount: number): void;
  /** Exports what is queued (bounded in time). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}
