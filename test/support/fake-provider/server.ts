/**
 * The fake provider: a real HTTP server on 127.0.0.1 speaking the OpenAI,
 * Azure OpenAI and Anthropic wire formats, with scripted faults per request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { BehaviourScript } from './behaviour-script';
import { CONTROL_PREFIX, handleControl } from './control-api';
import { resolveError } from './error-bodies';
import { expectedAnswer, type ExpectedAnswer } from './expected-answer';
import { anthropicRequestId, openaiRequestId } from './ids';
import { applyBody, buildRecord, parseBody, readBody } from './request-intake';
import { RequestRecorder } from './request-recorder';
import { sendJson, type ResponseContext } from './response-io';
import { isModelListRoute, sendModelList } from './model-lists';
import { nativeShapeProblems } from './native-shape';
import { isChatRoute, matchRoute } from './routes';
import { runBehaviour, type RunOptions } from './run-behaviour';
import type { AnswerBehaviour, Behaviour, FakeProviderOptions, RecordedRequest, WireFormat } from './types';

export interface FakeProvider {
  /** "http://127.0.0.1:PORT" */
  readonly origin: string;
  readonly port: number;
  /** origin + "/v1": the `baseURL` for the openai SDK and openai-compatible providers. */
  readonly openaiBaseUrl: string;
  /** origin: the `baseURL` for the Anthropic SDK, and the Azure `endpoint`. */
  readonly anthropicBaseUrl: string;
  readonly azureEndpoint: string;
  /** Live array of every provider request (control calls excluded), in arrival order. */
  readonly requests: RecordedRequest[];
  enqueue(...behaviours: Behaviour[]): void;
  /** Array: queued one per request to `model`. Single behaviour: sticky default for `model`. */
  forModel(model: string, behaviour: Behaviour | Behaviour[]): void;
  setDefault(behaviour: Behaviour | undefined): void;
  /** Behaviours still queued (global + per model). */
  pending(): number;
  /** Clears queues, defaults (back to the start option) and recorded requests. */
  reset(): void;
  /** Keys the model listings accept (undefined: any request, with or without a key). */
  setAcceptedKeys(keys: string[] | undefined): void;
  requestsFor(model: string): RecordedRequest[];
  /** `expectedAnswer` with this server's answerText / wordsPerChunk defaults. */
  expectedAnswer(body: unknown, format: WireFormat, behaviour?: Partial<AnswerBehaviour>): ExpectedAnswer;
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  waitForClose(requestId: string, timeoutMs?: number): Promise<RecordedRequest>;
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Stops listening, destroys every open socket, rejects pending waits. */
  close(): Promise<void>;
}

const MODELS = ['gpt-4o-mini-2024-07-18', 'gpt-4.1-nano-2025-04-14', 'text-embedding-3-small'];

export async function startFakeProvider(opts: FakeProviderOptions = {}): Promise<FakeProvider> {
  const script = new BehaviourScript();
  script.setDefault(opts.defaultBehaviour);
  const recorder = new RequestRecorder();
  const sockets = new Set<Socket>();
  const run: RunOptions = { embeddingDimensions: opts.embeddingDimensions ?? 64 };
  if (opts.answerText !== undefined) run.answerText = opts.answerText;
  if (opts.wordsPerChunk !== undefined) run.wordsPerChunk = opts.wordsPerChunk;
  let acceptedKeys = opts.acceptedKeys;
  let closing = false;
  let closed: Promise<void> | undefined;

  const provider: FakeProvider = {
    origin: '',
    port: 0,
    openaiBaseUrl: '',
    anthropicBaseUrl: '',
    azureEndpoint: '',
    requests: recorder.requests,
    enqueue: (...b) => script.enqueue(...b),
    forModel: (model, b) => script.forModel(model, b),
    setDefault: (b) => script.setDefault(b),
    pending: () => script.pending(),
    reset: () => {
      script.clear();
      script.setDefault(opts.defaultBehaviour);
      recorder.clear();
    },
    setAcceptedKeys: (keys) => {
      acceptedKeys = keys;
    },
    requestsFor: (model) => recorder.requests.filter((r) => r.model === model),
    expectedAnswer: (body, format, behaviour = {}) => expectedAnswer(body, format, behaviour, run),
    waitForRequests: (n, timeoutMs = 5000) => recorder.waitForRequests(n, timeoutMs),
    waitForClose: (id, timeoutMs = 5000) => recorder.waitForClose(id, timeoutMs),
    waitFor: (predicate, timeoutMs = 5000) =>
      recorder.waitFor(() => predicate(recorder.requests), () => recorder.requests.slice(), timeoutMs, 'condition'),
    close: () => {
      if (closed !== undefined) return closed;
      closing = true;
      recorder.dispose();
      closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      return closed;
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(req);
    if (text === undefined) return;
    const body = parseBody(text);
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      handleControl(req, res, url.pathname, body, provider);
      return;
    }
    const match = matchRoute(req.method ?? 'GET', url.pathname);
    const record = buildRecord(recorder.newId(), req, url, match, arrivedAt);
    applyBody(record, body);
    const ac = new AbortController();
    let serverDestroyed = false;
    res.on('finish', () => {
      record.responseFinishedAt = Date.now();
      recorder.changed();
    });
    res.on('close', () => {
      record.closedAt = Date.now();
      record.clientAborted = !res.writableFinished && !serverDestroyed && !closing;
      ac.abort();
      recorder.changed();
    });
    const ctx: ResponseContext = {
      req,
      res,
      record,
      format: match.format,
      requestId: match.format === 'anthropic' ? anthropicRequestId() : openaiRequestId(),
      signal: ac.signal,
      markServerDestroyed: () => {
        serverDestroyed = true;
      },
    };
    recorder.add(record);
    if (isModelListRoute(match.route)) {
      sendModelList(ctx, match.route, opts.models ?? MODELS, acceptedKeys);
      return;
    }
    if (!match.scripted) {
      const e = resolveError({ kind: 'error', status: 404, preset: 'not_found' }, match.format, ctx.requestId);
      sendJson(ctx, 404, e.body);
      return;
    }
    const behaviour = script.next(record.model);
    if (isChatRoute(match.route) && behaviour.kind !== 'replay') {
      const problems = nativeShapeProblems(match.format, body);
      if (problems.length > 0) {
        // The real API would refuse a body in the wrong dialect; so does the fake.
        record.shapeProblems = problems;
        const message = `fake-provider: not a native ${match.format} request: ${problems.join('; ')}`;
        const error = match.format === 'anthropic' ? { type: 'error', error: { type: 'invalid_request_error', message } } : { error: { message, type: 'invalid_request_error', param: null, code: null } };
        sendJson(ctx, 400, JSON.stringify(error));
        return;
      }
    }
    await runBehaviour(ctx, behaviour, body, run);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake-provider internal error: ${err instanceof Error ? err.stack : String(err)}`);
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake-provider: no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  return Object.assign(provider, {
    origin,
    port: address.port,
    openaiBaseUrl: `${origin}/v1`,
    anthropicBaseUrl: origin,
    azureEndpoint: origin,
  });
}
