/** Public surface of the fake provider server used by integration and e2e tests. */
export { startFakeProvider, type FakeProvider } from './server';
export { expectedAnswer, promptTokenCount, splitIntoChunks, contentText, lastUserText } from './expected-answer';
export type { ExpectedAnswer, ExpectedUsage, AnswerDefaults } from './expected-answer';
export { embeddingFor, embeddingToBase64 } from './embeddings';
export {
  rateLimited,
  serverError,
  overloaded529,
  unauthorized,
  forbidden,
  notFound,
  badRequest,
  contextOverflow,
  insufficientQuota,
  contentFilter,
  type RateLimitOptions,
} from './error-presets';
export { resolveError, type ResolvedError } from './error-bodies';
export { chunksToSseEvents, replayBody, splitBytes } from './replay';
export { DEFAULT_MALFORMED_LINE } from './chat-responder';
export { parseBehaviour, parseBehaviours } from './behaviour-parse';
export { wireFixturesDir, wireFixturesPath } from './fixtures-dir';
export type * from './types';
