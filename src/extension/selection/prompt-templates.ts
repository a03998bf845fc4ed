/** A user prompt from `switchboard.prompts`, validated. */
export interface PromptTemplate {
  name: string;
  template: string;
  /** The alias to ask; the active alias when absent. */
  alias?: string;
  /** `edit`: the answer is a replacement for the selection, shown as a diff. */
  mode: 'chat' | 'edit';
}

export const PLACEHOLDERS = ['selection', 'language', 'file', 'input'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateValidation {
  templates: PromptTemplate[];
  /** One sentence per problem, naming the entry and what to change. */
  problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Placeholders a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1] ?? ''))];
}

/**
 * Validates `switchboard.prompts` (the settings schema only warns in the editor;
 * a hand-edited or synced file can hold anything). Invalid entries are left out
 * with a problem each; the valid ones stay usable.
 */
export function validateTemplates(raw: unknown): TemplateValidation {
  if (raw === undefined || raw === null) return { templates: [], problems: [] };
  if (!Array.isArray(raw)) return { templates: [], problems: ['switchboard.prompts must be a list of { "name", "template", "alias"?, "mode"? } objects.'] };
  const templates: PromptTemplate[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: unknown, i) => {
    const where = `switchboard.prompts[${i}]`;
    if (!isRecord(entry)) {
      problems.push(`${where} must be an object with "name" and "template".`);
      return;
    }
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    const label = name ? `${where} ("${name}")` : where;
    if (!name) problems.push(`${where} needs a "name" (the text shown in the palette).`);
    if (typeof entry.template !== 'string' || entry.template.trim() === '') problems.push(`${label} needs a "template" text, e.g. "Translate {{selection}} to Python".`);
    if (entry.alias !== undefined && (typeof entry.alias !== 'string' || entry.alias.trim() === '')) problems.push(`${label}: "alias" must be the name of an alias from switchboard.aliases.`);
    if (entry.mode !== undefined && entry.mode !== 'chat' && entry.mode !== 'edit') problems.push(`${label}: "mode" must be "chat" (answer in the chat) or "edit" (a replacement shown as a diff), not ${JSON.stringify(entry.mode)}.`);
    if (typeof entry.template === 'string') {
      const unknown = placeholdersOf(entry.template).filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p));
      for (const u of unknown) problems.push(`${label}: unknown placeholder {{${u}}}; use {{selection}}, {{language}}, {{file}} or {{input}}.`);
      if (unknown.length > 0) return;
    }
    if (name && seen.has(name)) {
      problems.push(`${label}: another prompt is already named "${name}"; names must be unique.`);
      return;
    }
    if (!name || typeof entry.template !== 'string' || entry.template.trim() === '') return;
    if (entry.alias !== undefined && typeof entry.alias !== 'string') return;
    if (entry.mode !== undefined && entry.mode !== 'chat' && entry.mode !== 'edit') return;
    seen.add(name);
    const t: PromptTemplate = { name, template: entry.template, mode: entry.mode === 'edit' ? 'edit' : 'chat' };
    if (typeof entry.alias === 'string' && entry.alias.trim() !== '') t.alias = entry.alias.trim();
    templates.push(t);
  });
  return { templates, problems };
}

/** Whether the template asks the user for text ({{input}}) before it runs. */
export function needsInput(t: PromptTemplate): boolean {
  return placeholdersOf(t.template).includes('input');
}

/**
 * The template with its placeholders filled. The selection itself is always
 * attached after the prompt (and shown as a chip), so {{selection}} refers to
 * it instead of pasting the same code twice.
 */
export function renderTemplate(t: PromptTemplate, values: Record<Exclude<Placeholder, 'selection'>, string> & { selectionRef: string }): string {
  return t.template.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'selection':
        return values.selectionRef;
      case 'language':
        return values.language;
      case 'file':
        return values.file;
      case 'input':
        return values.input;
      default:
        return whole;
    }
  });
}
