/**
 * The public surface of the Switchboard core. The extension, tests, benchmarks
 * and scripts use only what is exported here (bundled as `dist/core.js`).
 */
export { createOrchestrator } from './orchestrator/create-orchestrator';
export type { OrchestratorPorts } from './orchestrator/create-orchestrator';
export type { ChatResult, DeploymentHealth, Disposable, Orchestrator, ToolCallResult } from './orchestrator/orchestrator';
export { validateConfig } from './config/validate-config';
export type { ConfigValidation } from './config/validate-config';
export type { ConfigIssue } from './config/config-issues';
export * from './config/switchboard-config';
export { DEFAULT_ALIAS_WAIT, DEFAULT_COOLDOWN, DEFAULT_LIMITS, DEFAULT_RETRY, DEFAULT_TIMEOUTS } from './config/defaults';
export type { DeploymentHealthReport } from './health/deployment-health';
export type { AutoRoute } from './auto/pick-tier';
export { COMPAT_PRESETS } from './providers/presets';
export type { CompatPreset } from './providers/presets';
export { SwitchboardError } from './model/switchboard-error';
export type { ErrorKind, TimeoutPhase } from './model/error-kind';
export type {
  ChatMessage,
  ChatRequest,
  ChatRole,
  CallOptions,
  ChatTool,
  ChatToolCall,
  ChatToolChoice,
  ContentPart,
  ImageContentPart,
  ProviderOptions,
  ResponseFormat,
  TextContentPart,
} from './model/chat-request';
export type { Capabilities, CapabilityOverrides } from './model/capabilities';
export { PROVIDER_KINDS } from './providers/registry';
export { validateChatRequest } from './model/validate-chat-request';
export type { AttemptNotice, StreamEvent } from './model/stream-event';
export type { AttemptRecord, CallRecord, CacheStatus, RecordStatus, PriceSource } from './model/call-record';
export type { Usage } from './model/usage';
export type { FinishReason, UnifiedFinishReason } from './model/finish-reason';
export type { Clock, KeysPort, KeyTarget, LedgerStore, LogSink, RandomSource } from './ports';
export { providerBaseUrl, providerOrigin } from './providers/provider-endpoint';
export { checkEndpoint, isLoopbackHost } from './net/endpoint-policy';
export type { CacheFilter } from './cache/exact-cache';
export { createFileLedgerStore, createLedgerIndex, createMemoryLedgerStore, localCalendar } from './ledger/index';
export type { Calendar, FileLedgerStore, LedgerFilter, LedgerGroup, LedgerIndex, LedgerSummary, LedgerTotals, QueryableLedgerStore, SummaryQuery } from './ledger/index';
export type { BudgetPeriods, BudgetRule, BudgetsConfig } from './budget/index';
export { KeyOriginMismatch, parseBoundKey, releaseBoundKey, serializeBoundKey } from './net/origin-bound-key';
export type { OriginBoundKey } from './net/origin-bound-key';
export { formatCost, formatUsd } from './model/format-usd';
export { describeRedaction } from './redaction/describe-redaction';
export type { SecretCounts } from './redaction/redact-text';
export type { SecretKind } from './redaction/secret-patterns';
export type { Outcome, RequestContext, RequestScope, RequestStage, ScopeStage, StageRun } from './orchestrator/pipeline/stage';
export { parseOtlpHeaders } from './telemetry/parse-otlp-headers';
export { createModelCatalog, isDatedModelName } from './pricing/model-catalog';
export type { ModelFacts } from './pricing/model-catalog';
