import { ModelFacts } from '../../core/index';

/** The dated id to pin an undated listed name to: one the server also lists, else the library's newest. */
export function pinModel(model: string, facts: ModelFacts, listed: ReadonlySet<string>): string {
  return facts.datedIds.find((id) => listed.has(id)) ?? facts.datedIds[0] ?? model;
}
