/**
 * Serves captured transcripts from /work/shared/fixtures/wire byte for byte.
 * `*.json` -> JSON body; `*.sse` -> raw SSE; `*.chunks.txt` -> one SSE event per
 * line (see `chunksToSseEvents`).
 */
import { readFile } from 'node:fs/promises';
import { isRecord } from './is-record';
import { endResponse, sendHead, sendJson, sleep, SSE_HEADERS, writePiece, type ResponseContext } from './response-io';
import type { ReplayBehaviour } from './types';

/**
 * SSE events for a `*.chunks.txt` transcript: `data: <line>\n\n` per non-empty
 * line, preceded by `event: <payload.type>\n` when the payload has a string
 * `type` (Anthropic Messages and Responses API events; Chat Completions chunks have
 * none). The transcripts never contain `[DONE]`; it is added only on request.
 */
export function chunksToSseEvents(text: string, appendDone = false): string[] {
  const events: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    let type: string | undefined;
    try {
      const payload: unknown = JSON.parse(line);
      if (isRecord(payload) && typeof payload.type === 'string') type = payload.type;
    } catch {
      // Unparseable lines (suspect-synthetic fixtures) are replayed as they are.
    }
    events.push(`${type === undefined ? '' : `event: ${type}\n`}data: ${line}\n\n`);
  }
  if (appendDone) events.push('data: [DONE]\n\n');
  return events;
}

export interface ReplayBody {
  sse: boolean;
  bytes: Buffer;
  /** Event boundaries for `*.chunks.txt` (one write per event when not split). */
  events?: Buffer[];
}

/** The exact bytes the server sends for a replay behaviour. */
export async function replayBody(b: Pick<ReplayBehaviour, 'file' | 'appendDone'>): Promise<ReplayBody> {
  const file = await readFile(b.file);
  if (b.file.endsWith('.chunks.txt')) {
    const events = chunksToSseEvents(file.toString('utf8'), b.appendDone === true).map((e) => Buffer.from(e, 'utf8'));
    return { sse: true, bytes: Buffer.concat(events), events };
  }
  return { sse: !b.file.endsWith('.json'), bytes: file };
}

/** Cuts `bytes` at the given offsets (or every `size` bytes). */
export function splitBytes(bytes: Buffer, splitAt?: number[], size?: number): Buffer[] {
  const cuts = new Set<number>();
  if (size !== undefined && size > 0) for (let i = size; i < bytes.length; i += size) cuts.add(i);
  for (const c of splitAt ?? []) if (c > 0 && c < bytes.length) cuts.add(c);
  const sorted = [...cuts].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const c of sorted) {
    pieces.push(bytes.subarray(start, c));
    start = c;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

export async function respondReplay(ctx: ResponseContext, b: ReplayBehaviour): Promise<void> {
  let body: ReplayBody;
  try {
    body = await replayBody(b);
  } catch (err) {
    sendJson(ctx, 500, `fake-provider: cannot read replay file ${b.file}: ${String(err)}`, { 'content-type': 'text/plain' });
    return;
  }
  const status = b.status ?? 200;
  if (!body.sse && b.splitAt === undefined && b.writeChunkBytes === undefined) {
    sendJson(ctx, status, body.bytes, b.headers ?? {});
    return;
  }
  const contentType = body.sse ? SSE_HEADERS : { 'content-type': 'application/json' };
  if (!sendHead(ctx, status, { ...contentType, ...(b.headers ?? {}) })) return;
  const split = b.splitAt !== undefined || b.writeChunkBytes !== undefined;
  const pieces = split ? splitBytes(body.bytes, b.splitAt, b.writeChunkBytes) : (body.events ?? [body.bytes]);
  const pause = split ? (b.pauseMs ?? 2) : (b.interChunkDelayMs ?? 0);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece === undefined || piece.length === 0) continue;
    if (i > 0 && !(await sleep(pause, ctx.signal))) return;
    if (!(await writePiece(ctx, piece))) return;
  }
  endResponse(ctx);
}
