/**
 * How much of an upstream answer the core will hold. A hostile or broken
 * upstream (a 50 MB HTML error page, an SSE event that never ends) must not
 * turn into a 50 MB error message, ledger line or heap.
 */
export interface BodyLimits {
  /** Bytes of a non-2xx body read and kept; the rest is never read (the socket is closed). */
  errorBodyBytes: number;
  /** Bytes in one SSE event (all its lines up to the blank line, line ends not counted). */
  sseEventBytes: number;
  /** Bytes of any other 2xx body (a non-streamed JSON answer). */
  bodyBytes: number;
}

export const DEFAULT_BODY_LIMITS: Readonly<BodyLimits> = Object.freeze({
  errorBodyBytes: 8 * 1024,
  sseEventBytes: 1024 * 1024,
  bodyBytes: 32 * 1024 * 1024,
});
