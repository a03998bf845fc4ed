import { ErrorKind, SwitchboardConfig } from '../../core/index';
import type { ErrorCard } from '../../protocol/chat-model';
import type { CardAction } from './card-action';

/** A card plus what each of its buttons does (by button id). */
export interface CardSpec {
  card: ErrorCard;
  actions: Record<string, CardAction>;
}

export interface FailureInfo {
  kind: ErrorKind;
  message: string;
  retryAfterMs?: number;
  deploymentId?: string;
}

function largestWindow(config: SwitchboardConfig, alias: string): number {
  const ids = config.aliases[alias]?.deployments ?? [alias];
  return Math.max(0, ...ids.map((id) => config.deployments.find((d) => d.id === id)?.contextWindow ?? 0));
}

/** Another alias to use now: this alias's configured fallbacks first, else any alias on other deployments. */
function otherAlias(config: SwitchboardConfig, alias: string): string | undefined {
  const own = new Set(config.aliases[alias]?.deployments ?? []);
  const configured = config.aliases[alias]?.fallbacks?.[0];
  if (configured) return configured;
  return Object.entries(config.aliases).find(([name, a]) => name !== alias && a.deployments.some((d) => !own.has(d)))?.[0];
}

/** An alias with a larger context window than `alias`: the configured one first, else the largest known. */
function largerAlias(config: SwitchboardConfig, alias: string): string | undefined {
  const configured = config.aliases[alias]?.contextWindowFallbacks?.[0];
  if (configured) return configured;
  const mine = largestWindow(config, alias);
  const candidates = Object.keys(config.aliases).filter((name) => name !== alias && largestWindow(config, name) > mine);
  return candidates.sort((a, b) => largestWindow(config, b) - largestWindow(config, a))[0];
}

function spec(kind: string, title: string, message: string, buttons: Array<[string, CardAction]>, retryAt?: number): CardSpec {
  const actions: Record<string, CardAction> = {};
  const card: ErrorCard = { kind, title, message, actions: [] };
  buttons.forEach(([label, action], i) => {
    const id = `a${i}`;
    actions[id] = action;
    card.actions.push({ id, label });
  });
  if (retryAt !== undefined) card.retryAt = retryAt;
  return { card, actions };
}

/**
 * The card for a failed answer, with the actions that fit its kind: a cooldown
 * to wait out or another alias, a key to set, a budget to look at, a larger
 * context window. `cooldownUntil` is the soonest a deployment of the alias is usable.
 */
export function errorCard(f: FailureInfo, alias: string, config: SwitchboardConfig | undefined, now: number, cooldownUntil?: number): CardSpec {
  const retry: [string, CardAction] = ['Retry', { kind: 'retry' }];
  switch (f.kind) {
    case 'rate_limited':
    case 'overloaded':
    case 'no_deployment_available':
    case 'quota_exhausted': {
      const other = config ? otherAlias(config, alias) : undefined;
      const until = f.retryAfterMs !== undefined ? now + f.retryAfterMs : cooldownUntil;
      const title = f.kind === 'no_deployment_available' ? `No deployment of "${alias}" is available` : f.kind === 'quota_exhausted' ? 'The provider says the quota is used up' : `"${alias}" is rate limited`;
      return spec(f.kind, title, f.message, [retry, ...(other ? [[`Use ${other} now`, { kind: 'retry', alias: other }] as [string, CardAction]] : [])], until !== undefined && until > now ? until : undefined);
    }
    case 'auth':
    case 'permission': {
      const provider = config?.deployments.find((d) => d.id === f.deploymentId)?.provider;
      const who = provider ? `"${provider}"` : 'the provider';
      const title = f.kind === 'auth' ? `The API key for ${who} is missing or was refused` : `The API key for ${who} may not use this model`;
      return spec(f.kind, title, f.message, [['Set API Key', { kind: 'setApiKey', provider: provider ?? '' }], retry]);
    }
    case 'budget_exceeded':
      return spec(f.kind, 'Budget reached', f.message, [['Show Spending', { kind: 'showSpending' }]]);
    case 'context_overflow': {
      const larger = config ? largerAlias(config, alias) : undefined;
      return spec(f.kind, 'The conversation is too long for this model', f.message, [['New chat', { kind: 'newChat' }], ...(larger ? [[`Retry with ${larger}`, { kind: 'retry', alias: larger }] as [string, CardAction]] : [])]);
    }
    case 'cancelled':
      return spec(f.kind, 'Stopped', f.message, [retry]);
    case 'invalid_config':
      return spec(f.kind, 'Switchboard settings need a fix', f.message, []);
    default:
      return spec(f.kind, `The request failed (${f.kind.replace(/_/g, ' ')})`, f.message, [retry]);
  }
}

/** R9: a cut or broken stream keeps its text, is marked incomplete and offers Retry. */
export function incompleteCard(message: string): CardSpec {
  return spec('incomplete', 'The answer is incomplete', `${message} The text above is what arrived before it stopped.`, [['Retry', { kind: 'retry' }]]);
}
