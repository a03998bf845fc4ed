import * as vscode from 'vscode';
import { ModelFacts, ProviderConfig, createModelCatalog } from '../../core/index';
import { pinModel } from './pin-model';

/** Listed models that cannot chat (embeddings, speech, images, moderation): not offered. */
const NOT_CHAT = /embed|tts|whisper|dall-e|moderation|transcribe|image|audio|realtime|rerank/i;

export interface PickedModel {
  /** What the deployment will say: the dated id when the library knows one. */
  model: string;
  facts: ModelFacts;
}

type Catalog = ReturnType<typeof createModelCatalog>;

/** `$0.15`, `$0.075`, `$10.00`: a per-million rate as a price list shows it. */
export function formatRate(usd: number): string {
  const two = usd.toFixed(2);
  return `$${Number(two) === usd ? two : String(Number(usd.toPrecision(3)))}`;
}

function describe(facts: ModelFacts): string {
  const parts: string[] = [];
  if (facts.contextWindow !== undefined) parts.push(`${Math.round(facts.contextWindow / 1000)}k context`);
  if (facts.price === 'free') parts.push('free (local)');
  else if (facts.inputPerMTok !== undefined && facts.outputPerMTok !== undefined) parts.push(`${formatRate(facts.inputPerMTok)} in / ${formatRate(facts.outputPerMTok)} out per M tokens`);
  else parts.push('price unknown');
  return parts.join(' · ');
}

interface ModelItem extends vscode.QuickPickItem {
  model: string;
}

/**
 * Multi-select over the discovered models with context window and price from
 * the price library; undated names are pinned to a dated id. No list (Azure,
 * a server without /models): the names are typed.
 */
export async function pickModels(provider: ProviderConfig, listed: readonly string[] | undefined, catalog: Catalog = createModelCatalog()): Promise<PickedModel[] | undefined> {
  if (listed === undefined || listed.length === 0) {
    const typed = await vscode.window.showInputBox({
      title: 'Switchboard: Add Provider — models',
      prompt: provider.kind === 'azure-openai' ? 'Your Azure deployment names, comma-separated.' : 'The server listed no models. Model names, comma-separated (pinned, dated versions recommended).',
      ignoreFocusOut: true,
      validateInput: (v) => (v.split(',').every((m) => m.trim() === '') ? 'Enter at least one name.' : undefined),
    });
    if (typed === undefined) return undefined;
    return typed.split(',').map((m) => m.trim()).filter((m) => m !== '').map((model) => ({ model, facts: catalog(provider, model) }));
  }
  const listedSet = new Set(listed);
  const items: ModelItem[] = [];
  for (const m of listed) {
    if (NOT_CHAT.test(m)) continue;
    const facts = catalog(provider, m);
    const pinned = pinModel(m, facts, listedSet);
    // An undated alias whose dated version is listed too would be the same deployment twice.
    if (pinned !== m && listedSet.has(pinned)) continue;
    items.push({ label: m, model: pinned, description: describe(facts), ...(pinned !== m ? { detail: `will be pinned to ${pinned}` } : {}) });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: `Switchboard: Add Provider — pick models (${items.length} found)`,
    placeHolder: 'Each model you pick becomes a deployment; type to filter, Space to tick, Enter to confirm.',
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (picked === undefined || picked.length === 0) return undefined;
  const unique = [...new Map(picked.map((p) => [p.model, p])).values()];
  return unique.map((p) => ({ model: p.model, facts: catalog(provider, p.model) }));
}
