import { SwitchboardConfig } from '../config/switchboard-config';
import { CallRecord } from '../model/call-record';
import { CallOptions, ChatRequest } from '../model/chat-request';
import { StreamEvent } from '../model/stream-event';
import { ThinkingBlock } from '../model/thinking-block';
import { CacheFilter } from '../cache/exact-cache';

export interface Disposable {
  dispose(): void;
}

/** A successful, complete answer. Anything else throws a SwitchboardError. */
export interface ChatResult {
  content: string;
  reasoning: string;
  /** The tool calls the model made, complete, in order (empty when it answered in text). */
  toolCalls: ToolCallResult[];
  /**
   * Signed reasoning blocks (Anthropic extended thinking), in order: with tools,
   * send them back as `thinking_blocks` on this assistant turn's message, or the
   * next request of the tool loop is refused. Empty for every other provider.
   */
  thinkingBlocks: ThinkingBlock[];
  record: CallRecord;
}

/** One tool call of a ChatResult; `arguments` is the JSON string the model produced. */
export interface ToolCallResult {
  id: string;
  name: string;
  arguments: string;
}

/** Per deployment: what `health()` reports (the router fills in more). */
export interface DeploymentHealth {
  deploymentId: string;
  inFlight: number;
  cooldownUntil?: number;
  [detail: string]: unknown;
}

export interface Orchestrator {
  chat(req: ChatRequest, opts?: CallOptions): Promise<ChatResult>;
  stream(req: ChatRequest, opts?: CallOptions): AsyncIterable<StreamEvent>;
  /**
   * Every request's record, once, on the turn after its caller got the answer (the record is also on the
   * result and the terminal event), in the order the requests ended; `flush()` publishes any still queued.
   */
  onRecord(listener: (record: CallRecord) => void): Disposable;
  health(): DeploymentHealth[];
  /** Ends a deployment's cooldown now (the user asked to try it again); false when the id is unknown. */
  resetCooldown(deploymentId: string): boolean;
  /** Pauses (routing skips it) or resumes a deployment; false when the id is unknown. */
  setPaused(deploymentId: string, paused: boolean): boolean;
  /** Lifts a provider's 401 block: its key was just checked and works (saving the same key again does not change it). */
  clearKeyRejection(providerId: string): void;
  /** Swaps the config for the next request; in-flight requests finish on the old one. */
  updateConfig(config: SwitchboardConfig): void;
  /** Drops cached answers (exact and semantic) matching `filter`, all without one; returns how many. */
  clearCache(filter?: CacheFilter): number;
  /**
   * Publishes the records of requests that ended (`done`/`error` emitted) and stores their answers, if
   * that has not happened yet; writes state that outlives a window reload (the persisted response cache,
   * when opted in); resolves once every one of those records is durable in the ledger.
   */
  flush(): Promise<void>;
  dispose(): void;
}
