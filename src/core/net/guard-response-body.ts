import { SwitchboardError } from '../model/switchboard-error';
import { PulledBody } from './pulled-body';

function tooLarge(what: string): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_response', retryable: false, message: `The provider sent ${what}; it was refused and the connection closed.` });
}

/** A 2xx body past its cap (`BodyLimits.bodyBytes`): refused, whichever transport read it. */
export function bodyTooLarge(maxBytes: number): SwitchboardError {
  return tooLarge(`a response body larger than ${Math.round(maxBytes / 1048576)} MB`);
}

export interface SseGuardOptions {
  maxEventBytes: number;
  /**
   * Drop `event:` lines. Chat Completions never sends them; the openai SDK
   * treats `event: thread.*` specially and prints raw payloads with
   * `console.error` when they are not JSON, whatever its log level.
   */
  dropEventLines: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
/** `event:` in ASCII. */
const EVENT_FIELD = [0x65, 0x76, 0x65, 0x6e, 0x74, 0x3a];

/**
 * An SSE body passed through as it comes, refusing an event longer than
 * `maxEventBytes` (a stream that never sends a line break would otherwise be
 * buffered whole by the SDK's decoder) and optionally dropping `event:` lines.
 * It works on bytes — no decoding, no re-encoding — and hands on the chunk
 * itself whenever nothing in it is dropped, which is every chunk of a Chat
 * Completions stream: this runs for every chunk of every streamed answer.
 * Line ends are LF, CRLF or CR, as the SSE grammar says; a CR at the end of a
 * chunk may be the first half of a CRLF split across two chunks.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function guardSseBody(body: ReadableStream<Uint8Array>, opts: SseGuardOptions): PulledBody {
  let eventBytes = 0;
  let lineBytes = 0;
  /** Whether the current line is passed on, dropped, or (its first bytes match `event:`) not known yet. */
  let line: 'forward' | 'drop' | 'undecided' = opts.dropEventLines ? 'undecided' : 'forward';
  /** The bytes of an undecided line, held back until it is known. */
  let held: number[] = [];
  /** The previous byte ended a line with CR; an LF right after it belongs to that line end. */
  let afterCr: 'none' | 'forwarded' | 'dropped' = 'none';
  const eventTooLarge = (): SwitchboardError => tooLarge(`a stream event longer than ${opts.maxEventBytes} bytes`);
  /**
   * The usual chunk, checked with native searches and no output building: no CR,
   * nothing held back, no line to drop. Updates the state and returns true when
   * the chunk passes whole; otherwise leaves the state alone for the byte scan.
   */
  const passesWhole = (chunk: Uint8Array): boolean => {
    if (held.length > 0 || afterCr !== 'none' || chunk.indexOf(CR) >= 0) return false;
    let lb = lineBytes;
    let eb = eventBytes;
    let st = line;
    for (let i = 0; i < chunk.length; ) {
      const lf = chunk.indexOf(LF, i);
      const end = lf < 0 ? chunk.length : lf;
      const n = end - i;
      if (n > 0) {
        if (st === 'drop') return false;
        if (st === 'undecided') {
          // At a line start (nothing held): does it begin like `event:`?
          let k = 0;
          while (k < EVENT_FIELD.length && i + k < end && chunk[i + k] === EVENT_FIELD[k]) k++;
          if (k === EVENT_FIELD.length || i + k === end) return false; // a line to drop, or not known yet
          st = 'forward';
        }
        lb += n;
        eb += n;
        if (eb > opts.maxEventBytes) return false; // the byte scan refuses it
      }
      if (lf < 0) break;
      if (st === 'drop') return false; // the end of a dropped line goes with it
      if (lb === 0) eb = 0;
      lb = 0;
      st = opts.dropEventLines ? 'undecided' : 'forward';
      i = lf + 1;
    }
    lineBytes = lb;
    eventBytes = eb;
    line = st;
    return true;
  };
  return new PulledBody(body, {
    transform(chunk, emit) {
      if (passesWhole(chunk)) {
        emit(chunk);
        return undefined;
      }
      // What of `chunk` is passed on, in order: runs of it (subarrays, no copy) and held bytes where they belong.
      const out: Array<Uint8Array> = [];
      let runStart = 0;
      let dropping = false;
      const stopRun = (at: number): void => {
        if (!dropping && at > runStart) out.push(chunk.subarray(runStart, at));
        dropping = true;
      };
      const startRun = (at: number): void => {
        if (dropping) runStart = at;
        dropping = false;
      };
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i] as number;
        if (afterCr !== 'none' && b === LF) {
          if (afterCr === 'dropped') stopRun(i);
          else startRun(i);
          afterCr = 'none';
          continue;
        }
        afterCr = 'none';
        if (b === LF || b === CR) {
          if (lineBytes === 0) eventBytes = 0; // a blank line ends the event
          if (line === 'undecided' && held.length > 0) {
            // A short line that began like `event:` but is not one (`eve` then a line end).
            out.push(Uint8Array.from(held));
            held = [];
          }
          if (line === 'drop') stopRun(i);
          else startRun(i);
          if (b === CR) afterCr = line === 'drop' ? 'dropped' : 'forwarded';
          lineBytes = 0;
          line = opts.dropEventLines ? 'undecided' : 'forward';
          continue;
        }
        if (line === 'forward') {
          // The rest of a line that is passed on: jump to its end (native search, not a byte loop).
          const lf = chunk.indexOf(LF, i);
          const cr = chunk.indexOf(CR, i);
          const end = lf < 0 ? (cr < 0 ? chunk.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
          lineBytes += end - i;
          eventBytes += end - i;
          if (eventBytes > opts.maxEventBytes) return eventTooLarge();
          startRun(i);
          i = end - 1;
          continue;
        }
        lineBytes++;
        eventBytes++;
        if (eventBytes > opts.maxEventBytes) return eventTooLarge();
        if (line === 'drop') {
          stopRun(i);
        } else if (b === EVENT_FIELD[lineBytes - 1]) {
          // Still looks like `event:`: hold it back until it is known.
          stopRun(i);
          held.push(b);
          if (lineBytes === EVENT_FIELD.length) {
            line = 'drop';
            held = [];
          }
        } else {
          line = 'forward';
          if (held.length > 0) {
            stopRun(i);
            out.push(Uint8Array.from(held));
            held = [];
          }
          startRun(i);
        }
      }
      if (!dropping) out.push(chunk.subarray(runStart));
      if (out.length === 1 && out[0]?.length === chunk.length) emit(chunk);
      else for (const part of out) if (part.length > 0) emit(part);
      return undefined;
    },
    flush(emit) {
      if (held.length > 0) emit(Uint8Array.from(held));
    },
  });
}

/** A body passed through unchanged, refused past `maxBytes`. */
export function guardBodySize(body: ReadableStream<Uint8Array>, maxBytes: number): PulledBody {
  let size = 0;
  return new PulledBody(body, {
    transform(chunk, emit) {
      size += chunk.length;
      if (size > maxBytes) return bodyTooLarge(maxBytes);
      emit(chunk);
      return undefined;
    },
  });
}
