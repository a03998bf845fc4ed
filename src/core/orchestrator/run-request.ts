import { CallOptions } from '../model/chat-request';
import { StreamEvent } from '../model/stream-event';
import { SwitchboardError } from '../model/switchboard-error';
import { PriceBook } from '../pricing/price-book';
import { requestSignal } from './deadline';
import { RecordBuilder, RecordBuilderInit } from './pipeline/record-builder';
import { Outcome, RequestScope, StageRun } from './pipeline/stage';
import { Runtime } from './runtime';

export interface RequestServices {
  book: PriceBook;
  newId: () => string;
  workspace: string;
  /** The host's secrets, scrubbed from error text (see `redactError`). */
  knownSecrets?: () => readonly string[];
  /** Every stage, composed (see `buildPipeline`). */
  pipeline: (scope: RequestScope) => StageRun;
}

function recordBuilder(runtime: Runtime, services: Pick<RequestServices, 'book' | 'newId' | 'workspace' | 'knownSecrets'>, raw: unknown, options: CallOptions): RecordBuilder {
  const init: RecordBuilderInit = { runtime, book: services.book, id: services.newId(), workspace: services.workspace, raw, options, startedAt: runtime.now() };
  if (services.knownSecrets) init.knownSecrets = services.knownSecrets;
  return new RecordBuilder(init);
}

/** The outcome of a request refused before it began. Nothing is published: it is for an orchestrator whose ledger may be gone. */
export function refusedOutcome(runtime: Runtime, services: Pick<RequestServices, 'book' | 'newId' | 'workspace' | 'knownSecrets'>, raw: unknown, opts: CallOptions, error: SwitchboardError): Outcome {
  return recordBuilder(runtime, services, raw, opts).refuse(error);
}

/** A request refused before it began, as a stream with its one `error` event. */
export async function* refusedStream(runtime: Runtime, services: Pick<RequestServices, 'book' | 'newId' | 'workspace' | 'knownSecrets'>, raw: unknown, opts: CallOptions, error: SwitchboardError): AsyncGenerator<StreamEvent, void, undefined> {
  yield refusedOutcome(runtime, services, raw, opts, error);
}

/** One request's scope: `start` makes its pipeline run, `close` ends it however it went. */
interface OpenRequest {
  start(): StageRun;
  /** A run not finished (its caller stopped, or a stage threw) is aborted and wound down first; a promise only then. */
  close(run: StageRun | undefined, finished: boolean): Promise<void> | undefined;
}

function openRequest(runtime: Runtime, services: RequestServices, raw: unknown, options: CallOptions, stream: boolean): OpenRequest {
  const record = recordBuilder(runtime, services, raw, options);
  const { signal, stop, release, abort } = requestSignal(options.signal, runtime.timeouts.overallMs);
  const scope: RequestScope = { runtime, raw, options, stream, signal, stop, abort, record };
  return {
    start: () => services.pipeline(scope),
    close(run, finished) {
      if (finished) {
        release();
        return undefined;
      }
      abort(new SwitchboardError({ kind: 'cancelled', message: 'The caller stopped reading the stream.' }));
      return (run ? windDown(run) : Promise.resolve()).finally(release);
    },
  };
}

/**
 * The life of one request (architecture.md): the pipeline's events, then its
 * one terminal event. A caller that stops reading cancels the request: the
 * stages then run to their end with the request aborted, so each one cleans
 * up (settles, records) as it would for any other ending.
 */
export async function* runRequest(runtime: Runtime, services: RequestServices, raw: unknown, options: CallOptions, stream: boolean): AsyncGenerator<StreamEvent, void, undefined> {
  const request = openRequest(runtime, services, raw, options, stream);
  let run: StageRun | undefined;
  let outcome: Outcome | undefined;
  try {
    // Inside the try: a stage that is a plain function runs (and may throw) right here.
    run = request.start();
    let step = await run.next();
    while (!step.done) {
      yield step.value;
      step = await run.next();
    }
    outcome = step.value;
  } finally {
    const closing = request.close(run, outcome !== undefined);
    if (closing) await closing;
  }
  yield outcome;
}

/**
 * The same life for a caller that reads every event (`chat`): each event is
 * handed to `see` as the pipeline makes it, with no generator in between (one
 * promise turn less per event than reading `runRequest`).
 */
export async function collectRequest(runtime: Runtime, services: RequestServices, raw: unknown, options: CallOptions, see: (event: StreamEvent) => void): Promise<Outcome> {
  const request = openRequest(runtime, services, raw, options, false);
  let run: StageRun | undefined;
  let outcome: Outcome | undefined;
  try {
    run = request.start();
    let step = await run.next();
    while (!step.done) {
      see(step.value);
      step = await run.next();
    }
    outcome = step.value;
    return outcome;
  } finally {
    const closing = request.close(run, outcome !== undefined);
    if (closing) await closing;
  }
}

/** Upper bound on winding the stages down after the request was aborted. */
const DRAIN_LIMIT_MS = 2000;

/**
 * Runs an aborted pipeline to its end, discarding output; if it does not end
 * promptly it is closed, and each stage's `finally` accounts for the unknown.
 */
async function windDown(run: StageRun): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), DRAIN_LIMIT_MS);
    timer.unref?.();
  });
  try {
    const drained = (async (): Promise<'done'> => {
      let step = await run.next();
      while (!step.done) step = await run.next();
      return 'done';
    })();
    drained.catch(() => undefined);
    if ((await Promise.race([drained, late])) === 'late') await run.return(undefined as unknown as Outcome).catch(() => undefined);
  } catch {
    await run.return(undefined as unknown as Outcome).catch(() => undefined);
  } finally {
    clearTimeout(timer);
  }
}
