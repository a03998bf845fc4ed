import { Capabilities } from '../../model/capabilities';
import { CompatPreset } from '../presets';

/**
 * What a compatible server can do, from its preset's quirk flags. Model-level
 * gaps on such servers (a text-only local model) are not knowable from the
 * name: set `capabilities` on the deployment.
 */
export function compatibleCapabilities(preset: CompatPreset): Capabilities {
  return {
    tools: preset.tools !== false,
    parallelTools: preset.tools !== false && preset.parallelToolCallsParam !== false,
    vision: true,
    jsonSchema: preset.jsonSchema !== false,
  };
}
