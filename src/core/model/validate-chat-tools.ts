import { ChatTool, ChatToolChoice, ProviderOptions, ResponseFormat } from './chat-request';
import { badField as bad, isPlainRecord as isRecord } from './request-field-error';

/** Function names every provider accepts (Anthropic's rule is the narrowest). @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use */
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

function schemaObject(raw: unknown, path: string): Record<string, unknown> {
  if (!isRecord(raw)) throw bad(`${path} must be a JSON Schema object such as { "type": "object", "properties": { ... } }.`);
  if (raw.type !== undefined && raw.type !== 'object') throw bad(`${path}.type must be "object" (tool arguments and structured answers are JSON objects).`);
  return raw;
}

export function validateTools(raw: unknown): ChatTool[] {
  if (!Array.isArray(raw)) throw bad('"tools" must be an array of { "type": "function", "function": { name, description?, parameters } }.');
  const seen = new Set<string>();
  return raw.map((t, i) => {
    const path = `tools[${i}]`;
    if (!isRecord(t) || t.type !== 'function' || !isRecord(t.function)) throw bad(`${path} must be { "type": "function", "function": { name, description?, parameters } }; only function tools are supported.`);
    const fn = t.function;
    if (typeof fn.name !== 'string' || !NAME.test(fn.name)) throw bad(`${path}.function.name must be 1-64 letters, digits, "_" or "-"; got ${JSON.stringify(fn.name)}.`);
    if (seen.has(fn.name)) throw bad(`${path}.function.name "${fn.name}" is used by another tool; names must be unique.`);
    seen.add(fn.name);
    const out: ChatTool = { type: 'function', function: { name: fn.name } };
    if (fn.description !== undefined) {
      if (typeof fn.description !== 'string') throw bad(`${path}.function.description must be a string.`);
      out.function.description = fn.description;
    }
    if (fn.parameters !== undefined) out.function.parameters = schemaObject(fn.parameters, `${path}.function.parameters`);
    if (fn.strict !== undefined && fn.strict !== null) {
      if (typeof fn.strict !== 'boolean') throw bad(`${path}.function.strict must be true or false.`);
      out.function.strict = fn.strict;
    }
    return out;
  });
}

export function validateToolChoice(raw: unknown, tools: readonly ChatTool[] | undefined): ChatToolChoice {
  if (raw === 'auto' || raw === 'none' || raw === 'required') {
    // Providers reject a tool choice without tools (OpenAI: 400); say so here instead.
    if ((tools ?? []).length === 0) throw bad(`"tool_choice": "${raw}" needs at least one tool in "tools"; remove "tool_choice" or add the tools.`);
    return raw;
  }
  if (isRecord(raw) && raw.type === 'function' && isRecord(raw.function) && typeof raw.function.name === 'string') {
    const name = raw.function.name;
    if (!(tools ?? []).some((t) => t.function.name === name)) throw bad(`"tool_choice" names the function "${name}", which is not in "tools".`);
    return { type: 'function', function: { name } };
  }
  throw bad('"tool_choice" must be "auto", "none", "required" or { "type": "function", "function": { "name": "..." } }.');
}

export function validateResponseFormat(raw: unknown): ResponseFormat {
  if (!isRecord(raw)) throw bad('"response_format" must be an object such as { "type": "json_object" }.');
  if (raw.type === 'text' || raw.type === 'json_object') return { type: raw.type };
  if (raw.type !== 'json_schema') throw bad(`"response_format.type" must be "text", "json_object" or "json_schema"; got ${JSON.stringify(raw.type)}.`);
  const js = raw.json_schema;
  if (!isRecord(js)) throw bad('"response_format.json_schema" must be { name, schema, strict? }.');
  if (typeof js.name !== 'string' || !NAME.test(js.name)) throw bad('"response_format.json_schema.name" must be 1-64 letters, digits, "_" or "-".');
  const out: Extract<ResponseFormat, { type: 'json_schema' }> = { type: 'json_schema', json_schema: { name: js.name, schema: schemaObject(js.schema, '"response_format.json_schema.schema"') } };
  if (js.description !== undefined) {
    if (typeof js.description !== 'string') throw bad('"response_format.json_schema.description" must be a string.');
    out.json_schema.description = js.description;
  }
  if (js.strict !== undefined && js.strict !== null) {
    if (typeof js.strict !== 'boolean') throw bad('"response_format.json_schema.strict" must be true or false.');
    out.json_schema.strict = js.strict;
  }
  return out;
}

const EFFORTS = ['minimal', 'low', 'medium', 'high'];
const TIERS = ['auto', 'default', 'flex', 'priority'];

function oneOf(raw: unknown, allowed: readonly string[], path: string): string {
  if (typeof raw !== 'string' || !allowed.includes(raw)) throw bad(`${path} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got ${JSON.stringify(raw)}.`);
  return raw;
}

function onlyKeys(raw: Record<string, unknown>, allowed: readonly string[], path: string): void {
  const extra = Object.keys(raw).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw bad(`${path}.${extra} is not supported; supported: ${allowed.join(', ')}.`);
}

export function validateProviderOptions(raw: unknown): ProviderOptions {
  const path = '"provider_options"';
  if (!isRecord(raw)) throw bad(`${path} must be an object like { "openai": { "reasoning_effort": "low" } }.`);
  onlyKeys(raw, ['openai', 'anthropic'], path);
  const out: ProviderOptions = {};
  if (raw.openai !== undefined) {
    const o = raw.openai;
    if (!isRecord(o)) throw bad(`${path}.openai must be an object.`);
    onlyKeys(o, ['reasoning_effort', 'service_tier'], `${path}.openai`);
    out.openai = {};
    if (o.reasoning_effort !== undefined) out.openai.reasoning_effort = oneOf(o.reasoning_effort, EFFORTS, `${path}.openai.reasoning_effort`) as 'low';
    if (o.service_tier !== undefined) out.openai.service_tier = oneOf(o.service_tier, TIERS, `${path}.openai.service_tier`) as 'auto';
  }
  if (raw.anthropic !== undefined) {
    const a = raw.anthropic;
    if (!isRecord(a)) throw bad(`${path}.anthropic must be an object.`);
    onlyKeys(a, ['cache_control', 'thinking_budget_tokens'], `${path}.anthropic`);
    out.anthropic = {};
    if (a.cache_control !== undefined) {
      const c = a.cache_control;
      if (!isRecord(c) || Object.values(c).some((v) => typeof v !== 'boolean')) throw bad(`${path}.anthropic.cache_control must be { "system"?: boolean, "tools"?: boolean }.`);
      onlyKeys(c, ['system', 'tools'], `${path}.anthropic.cache_control`);
      out.anthropic.cache_control = c as { system?: boolean; tools?: boolean };
    }
    if (a.thinking_budget_tokens !== undefined) {
      const b = a.thinking_budget_tokens;
      if (typeof b !== 'number' || !Number.isInteger(b) || b < 1024) throw bad(`${path}.anthropic.thinking_budget_tokens must be an integer of at least 1024.`);
      out.anthropic.thinking_budget_tokens = b;
    }
  }
  return out;
}
