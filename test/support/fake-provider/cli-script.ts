/**
 * The JSON script a CLI run starts with:
 * {
 *   "options": { "answerText"?, "wordsPerChunk"?, "embeddingDimensions"?, "models"?: string[] },
 *   "default"?: Behaviour,
 *   "queue"?: Behaviour[],
 *   "models"?: { "<model>": Behaviour (sticky) | Behaviour[] (queued) }
 * }
 */
import { parseBehaviour, parseBehaviours } from './behaviour-parse';
import { isRecord } from './is-record';
import type { FakeProvider } from './server';
import type { FakeProviderOptions } from './types';

export interface CliScript {
  options: FakeProviderOptions;
  apply(fp: FakeProvider): void;
}

function optionsOf(raw: unknown): FakeProviderOptions {
  if (raw === undefined) return {};
  if (!isRecord(raw)) throw new Error('script.options: expected an object');
  const out: FakeProviderOptions = {};
  if (typeof raw.answerText === 'string') out.answerText = raw.answerText;
  if (typeof raw.wordsPerChunk === 'number') out.wordsPerChunk = raw.wordsPerChunk;
  if (typeof raw.embeddingDimensions === 'number') out.embeddingDimensions = raw.embeddingDimensions;
  if (Array.isArray(raw.models)) out.models = raw.models.filter((m): m is string => typeof m === 'string');
  return out;
}

export function parseCliScript(raw: unknown): CliScript {
  if (raw === undefined) return { options: {}, apply: () => undefined };
  if (!isRecord(raw)) throw new Error('script: expected a JSON object');
  const options = optionsOf(raw.options);
  const fallback = raw.default === undefined ? undefined : parseBehaviour(raw.default, 'script.default');
  const queue = raw.queue === undefined ? [] : parseBehaviours(raw.queue, 'script.queue');
  const models: [string, ReturnType<typeof parseBehaviour> | ReturnType<typeof parseBehaviours>][] = [];
  if (raw.models !== undefined) {
    if (!isRecord(raw.models)) throw new Error('script.models: expected an object keyed by model name');
    for (const [model, v] of Object.entries(raw.models)) {
      models.push([model, Array.isArray(v) ? parseBehaviours(v, `script.models.${model}`) : parseBehaviour(v, `script.models.${model}`)]);
    }
  }
  // The script default is the server's start default, so /__control/reset restores it.
  if (fallback !== undefined) options.defaultBehaviour = fallback;
  return {
    options,
    apply: (fp) => {
      fp.enqueue(...queue);
      for (const [model, b] of models) fp.forModel(model, b);
    },
  };
}
