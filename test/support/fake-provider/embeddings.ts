/**
 * Deterministic embeddings: a hash-seeded pseudo-random vector, L2-normalised.
 * Same text and dimension => same vector, in any process.
 */
import { createHash } from 'node:crypto';
import { isRecord } from './is-record';

/** mulberry32: tiny seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The vector the server returns for `text` (values rounded through float32, as sent in base64). */
export function embeddingFor(text: string, dimensions = 64): number[] {
  const seed = createHash('sha256').update(text, 'utf8').digest().readUInt32LE(0);
  const next = mulberry32(seed);
  const raw = Array.from({ length: dimensions }, () => next() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((s, v) => s + v * v, 0)) || 1;
  return Array.from(Float32Array.from(raw.map((v) => v / norm)));
}

/** Little-endian float32 bytes, base64 — what `encoding_format: "base64"` returns (the openai SDK's default). */
export function embeddingToBase64(vector: number[]): string {
  return Buffer.from(Float32Array.from(vector).buffer).toString('base64');
}

/** Inputs of an embeddings request as strings (token arrays are joined with spaces). */
export function embeddingInputs(input: unknown): string[] {
  const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : JSON.stringify(v));
  if (Array.isArray(input) && input.length > 0 && !input.every((v) => typeof v === 'number')) return input.map(one);
  return [one(input)];
}

/** Full OpenAI embeddings response body. */
export function embeddingsBody(body: unknown, model: string, defaultDimensions: number): Record<string, unknown> {
  const rec = isRecord(body) ? body : {};
  const dims = typeof rec.dimensions === 'number' ? rec.dimensions : defaultDimensions;
  const base64 = rec.encoding_format === 'base64';
  const inputs = embeddingInputs(rec.input);
  const tokens = inputs.reduce((s, t) => s + (t.trim() === '' ? 0 : t.trim().split(/\s+/).length), 0);
  return {
    object: 'list',
    data: inputs.map((t, index) => {
      const v = embeddingFor(t, dims);
      return { object: 'embedding', index, embedding: base64 ? embeddingToBase64(v) : v };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
