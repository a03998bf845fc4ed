import { AttemptNotice, ErrorKind, describeRedaction } from '../../core/index';

/** An error kind as a person would say it. */
function problem(kind: ErrorKind): string {
  switch (kind) {
    case 'rate_limited': return 'was rate limited';
    case 'overloaded': return 'was overloaded';
    case 'timeout': return 'took too long';
    case 'server': return 'had a server error';
    case 'network': return 'could not be reached';
    case 'invalid_response': return 'sent a broken response';
    case 'auth': return 'refused the API key';
    case 'permission': return 'does not allow this model for the key';
    case 'not_found': return 'does not know this model';
    case 'context_overflow': return 'cannot take a conversation this long';
    case 'content_filter': return 'filtered the request';
    case 'quota_exhausted': return 'has no quota left';
    default: return `failed (${kind.replace(/_/g, ' ')})`;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** Routing notices in words for the chat view, shown above the answer they concern. */
export function describeNotice(n: AttemptNotice): string {
  switch (n.kind) {
    case 'retry':
      return `${n.deploymentId} ${problem(n.reason)}; trying it again in ${seconds(n.delayMs)}.`;
    case 'fallback':
      return `${n.from} ${problem(n.reason)}; asking ${n.to} instead.`;
    case 'waiting':
      // A queue wait has no known length (delayMs is 0 until a slot frees): no made-up delay.
      return n.reason === 'all_cooling' ? `Every model of this alias is cooling down after errors; waiting ${seconds(n.delayMs)}.` : 'Waiting for another request to finish first.';
    case 'restart':
      return `${n.from} ${problem(n.reason)} mid-answer; ${n.to} starts the answer over below.`;
    case 'cache-hit':
      return n.semantic
        ? `Answered from the semantic cache: ${((n.similarity ?? 0) * 100).toFixed(0)}% similar to an earlier prompt ("${(n.matchedPrompt ?? '').slice(0, 120)}").`
        : 'Answered from the cache: the same request was answered before.';
    case 'budget':
      return n.message;
    case 'redacted':
      return describeRedaction(n.secrets);
  }
}
