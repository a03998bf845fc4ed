import { PulledBody } from './pulled-body';

async function readAll(body: PulledBody): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * A 2xx response whose body is its guarded body: a real `Response` (its status
 * and `ok`; the source's headers and url) made with no body, so no second web
 * stream is made per streamed answer. Reading it whole (`text`, `json`,
 * `arrayBuffer`, `blob`) goes through the guard too. A subclass, so each
 * answer costs one object: defining the same getters and methods on every
 * response (as this did) made a dozen closures and descriptors per streamed
 * answer and left the object in dictionary mode for every later property read.
 */
class GuardedResponse extends Response {
  // Not `private`: the accessors below are defined outside the class body. The class is not exported.
  readonly source: Response;
  readonly guarded: PulledBody;

  constructor(source: Response, body: PulledBody) {
    super(null, { status: source.status, statusText: source.statusText });
    this.source = source;
    this.guarded = body;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await readAll(this.guarded));
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(await readAll(this.guarded));
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(await readAll(this.guarded)).buffer;
  }

  override async blob(): Promise<Blob> {
    return new Blob([new Uint8Array(await readAll(this.guarded))]);
  }

  override clone(): never {
    throw new TypeError('A guarded streamed response cannot be cloned.');
  }
}

// `Response` declares these as properties, which a subclass may not redeclare as accessors: defined once, on the prototype.
Object.defineProperties(GuardedResponse.prototype, {
  headers: {
    get(this: GuardedResponse): Headers {
      return this.source.headers;
    },
  },
  url: {
    get(this: GuardedResponse): string {
      return this.source.url;
    },
  },
  redirected: {
    get(this: GuardedResponse): boolean {
      return this.source.redirected;
    },
  },
  body: {
    get(this: GuardedResponse): PulledBody {
      return this.guarded;
    },
  },
  bodyUsed: {
    get(this: GuardedResponse): boolean {
      return this.guarded.locked;
    },
  },
});

/** `source` (a 2xx response) with `body`, its guarded body, in place of its own (see GuardedResponse). */
export function guardedResponse(source: Response, body: PulledBody): Response {
  return new GuardedResponse(source, body);
}
