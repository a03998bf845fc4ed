import { checkEndpoint } from '../net/endpoint-policy';
import { IssueList, checkUnknownKeys, isRecord, joinPath } from './config-issues';

/** `telemetry` (opt-in OpenTelemetry): `{ otlp: { endpoint, includeContent? } }`, endpoint https or loopback http. */
export function validateTelemetry(raw: unknown, issues: IssueList): void {
  if (raw === undefined) return;
  if (!isRecord(raw)) return issues.error('telemetry', 'must be an object like { "otlp": { "endpoint": "https://collector.example.com:4318" } }.');
  checkUnknownKeys(issues, raw, ['otlp'], 'telemetry');
  const otlp = raw.otlp;
  if (otlp === undefined) return;
  const path = joinPath('telemetry', 'otlp');
  if (!isRecord(otlp)) return issues.error(path, 'must be an object like { "endpoint": "https://collector.example.com:4318" }.');
  checkUnknownKeys(issues, otlp, ['endpoint', 'includeContent'], path);
  const endpoint = otlp.endpoint;
  if (typeof endpoint !== 'string' || endpoint.trim() === '') {
    issues.error(joinPath(path, 'endpoint'), 'must be the URL of an OTLP/HTTP collector, e.g. "http://127.0.0.1:4318" (/v1/traces is added when missing).');
  } else {
    const check = checkEndpoint(endpoint);
    if (!check.ok) issues.error(joinPath(path, 'endpoint'), check.reason);
  }
  if (otlp.includeContent !== undefined && typeof otlp.includeContent !== 'boolean') {
    issues.error(joinPath(path, 'includeContent'), 'must be true or false; true also exports prompts and answers.');
  }
}
