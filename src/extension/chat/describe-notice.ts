import { AttemptNotice, describeRedaction } from '../../core/index';

/** Routing notices in words for the chat view. */
export function describeNotice(n: AttemptNotice): string {
  switch (n.kind) {
    case 'retry':
      return `${n.reason.replace(/_/g, ' ')} on ${n.deploymentId}; retrying in ${(n.delayMs / 1000).toFixed(1)} s`;
    case 'fallback':
      return `${n.reason.replace(/_/g, ' ')} on ${n.from}; trying ${n.to}`;
    case 'waiting':
      // A queue wait has no known length (delayMs is 0 until a slot frees): no made-up delay.
      return n.reason === 'all_cooling' ? `All deployments are rate limited; waiting ${(n.delayMs / 1000).toFixed(1)} s` : 'Queued behind other requests';
    case 'restart':
      return `Restarting on ${n.to} after ${n.reason.replace(/_/g, ' ')} on ${n.from} (the answer below starts over)`;
    case 'cache-hit':
      return n.semantic
        ? `Answered from the semantic cache (similarity ${(n.similarity ?? 0).toFixed(3)} to an earlier prompt: "${(n.matchedPrompt ?? '').slice(0, 120)}"). Send again with the cache off to regenerate.`
        : 'Answered from the cache (identical request).';
    case 'budget':
      return n.message;
    case 'redacted':
      return describeRedaction(n.secrets);
  }
}
