import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions/completions';
import { CanonicalCall } from '../../model/canonical-call';
import { SwitchboardError } from '../../model/switchboard-error';
import { CompatPreset } from '../presets';

type ToolFields = Pick<ChatCompletionCreateParamsBase, 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'response_format'>;

function unsupported(preset: CompatPreset, what: string): SwitchboardError {
  return new SwitchboardError({ kind: 'unsupported', retryable: false, message: `The "${preset.name}" server does not accept ${what}; route this request to a deployment that does (see the deployment's "capabilities").` });
}

/**
 * Tools, tool choice and output format as Chat Completions fields. A preset
 * whose server lacks one of them fails the attempt as `unsupported` instead of
 * dropping the field (routing normally skips such deployments first).
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 * @see https://platform.openai.com/docs/guides/structured-outputs
 */
export function convertOpenAITools(call: CanonicalCall, preset: CompatPreset): ToolFields {
  const out: ToolFields = {};
  if (call.tools.length > 0) {
    if (preset.tools === false) throw unsupported(preset, 'tools');
    out.tools = call.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, parameters: t.parameters, ...(t.description !== undefined ? { description: t.description } : {}), ...(t.strict !== undefined ? { strict: t.strict } : {}) },
    }));
  }
  const choice = call.toolChoice;
  if (choice !== undefined) out.tool_choice = choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
  if (call.parallelToolCalls !== undefined) {
    if (preset.parallelToolCallsParam !== false) out.parallel_tool_calls = call.parallelToolCalls;
    else if (!call.parallelToolCalls) throw unsupported(preset, '"parallel_tool_calls": false');
  }
  const output = call.output;
  if (output.type === 'json') out.response_format = { type: 'json_object' };
  else if (output.type === 'json_schema') {
    if (preset.jsonSchema === false) throw unsupported(preset, '"response_format" of type "json_schema"');
    out.response_format = {
      type: 'json_schema',
      json_schema: { name: output.name, schema: output.schema, strict: output.strict, ...(output.description !== undefined ? { description: output.description } : {}) },
    };
  }
  return out;
}
