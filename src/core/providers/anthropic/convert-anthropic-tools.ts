import { CanonicalCall } from '../../model/canonical-call';
import { SwitchboardError } from '../../model/switchboard-error';

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: { type: 'ephemeral' };
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** The tool a JSON answer is forced through when the model has no native output format. */
export const JSON_TOOL_NAME = 'json';

export interface AnthropicToolFields {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  output_config?: { format: { type: 'json_schema'; schema: Record<string, unknown> } };
  /** Set when the answer comes back as the input of the forced `json` tool (read it as text). */
  jsonToolName?: string;
}

/**
 * Claude models with native structured outputs (`output_config.format`):
 * Opus 4.1, the 4.5 generation, and later.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 */
export function supportsAnthropicOutputFormat(model: string): boolean {
  const m = /claude-(?:opus|sonnet|haiku)-(\d+)(?:-(\d))?(?!\d)/.exec(model);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? 0 : Number(m[2]);
  return major > 4 || (major === 4 && minor >= 1 && !(minor === 1 && !/opus/.test(model)));
}

function choiceOf(call: CanonicalCall): AnthropicToolChoice | undefined {
  const c = call.toolChoice;
  // Anthropic spells "no parallel calls" inside tool_choice; "none" allows no calls at all.
  const noParallel = call.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (c === undefined) return call.parallelToolCalls === false && call.tools.length > 0 ? { type: 'auto', ...noParallel } : undefined;
  switch (c.type) {
    case 'none':
      return { type: 'none' };
    case 'auto':
      return { type: 'auto', ...noParallel };
    case 'required':
      return { type: 'any', ...noParallel };
    case 'tool':
      return { type: 'tool', name: c.name, ...noParallel };
  }
}

/**
 * Tools as `input_schema` tools with the mapped `tool_choice`; structured
 * output through `output_config.format` where the model has it, else a forced
 * `json` tool whose input is the answer; `json_object` (no schema) is the same
 * forced tool over any object. A prompt-cache breakpoint on the last tool when
 * asked for.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 */
export function convertAnthropicTools(call: CanonicalCall, model: string): AnthropicToolFields {
  const out: AnthropicToolFields = {};
  const tools: AnthropicTool[] = call.tools.map((t) => ({ name: t.name, input_schema: t.parameters, ...(t.description !== undefined ? { description: t.description } : {}) }));
  const choice = choiceOf(call);
  if (choice !== undefined) out.tool_choice = choice;
  const output = call.output;
  if (output.type === 'json_schema' && supportsAnthropicOutputFormat(model)) {
    out.output_config = { format: { type: 'json_schema', schema: output.schema } };
  } else if (output.type !== 'text') {
    if (tools.length > 0) {
      throw new SwitchboardError({
        kind: 'unsupported',
        retryable: false,
        message: `Model "${model}" has no native structured output, and a JSON answer cannot be forced while other tools are offered. Use a model with structured outputs (Claude 4.5 or later), or send either "tools" or "response_format".`,
      });
    }
    const schema = output.type === 'json_schema' ? output.schema : { type: 'object', additionalProperties: true };
    const description = output.type === 'json_schema' && output.description !== undefined ? output.description : 'Respond with the answer as this tool\u2019s input.';
    tools.push({ name: JSON_TOOL_NAME, description, input_schema: schema });
    out.tool_choice = { type: 'tool', name: JSON_TOOL_NAME };
    out.jsonToolName = JSON_TOOL_NAME;
  }
  if (tools.length > 0) {
    if (call.providerOptions.anthropic?.cache_control?.tools === true) {
      const last = tools[tools.length - 1] as AnthropicTool;
      last.cache_control = { type: 'ephemeral' };
    }
    out.tools = tools;
  }
  return out;
}
