import * as assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../../src/core/config/switchboard-config';
import { ChatMessage, ChatRequest } from '../../../../src/core/model/chat-request';
import { ThinkingBlock } from '../../../../src/core/model/thinking-block';
import { Orchestrator } from '../../../../src/core/orchestrator/orchestrator';
import { FakeProvider, RecordedRequest, startFakeProvider } from '../../../support/fake-provider';
import { collect, make } from '../../orchestrator/helpers';

/**
 * Extended thinking with tools on Anthropic, over real sockets. The fake server
 * holds the API's rules (native-shape.ts): with thinking enabled, the assistant
 * turn that called a tool must come back starting with its thinking block,
 * signature unchanged. Switchboard hands the signed blocks out
 * (`ChatResult.thinkingBlocks`, `thinking-block` events) and sends them back
 * from `thinking_blocks` on the assistant message.
 */
const MODEL = 'claude-haiku-4-5-20251001';
const TOOLS: ChatRequest['tools'] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
const ARGS = '{"city":"Paris"}';
const THOUGHT = 'The user wants the weather; I should call get_weather for Paris.';
const THINKING = { provider_options: { anthropic: { thinking_budget_tokens: 2048 } }, max_tokens: 4096 } as const;

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function followUp(id: string, thinkingBlocks?: ThinkingBlock[]): ChatRequest {
  const assistant: ChatMessage = { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'get_weather', arguments: ARGS } }] };
  if (thinkingBlocks) assistant.thinking_blocks = thinkingBlocks;
  return { model: 'claude', messages: [{ role: 'user', content: 'Weather in Paris?' }, assistant, { role: 'tool', tool_call_id: id, content: 'sunny' }], tools: TOOLS, ...THINKING };
}

function last(fp: FakeProvider): RecordedRequest {
  const r = fp.requestsFor(MODEL).at(-1);
  assert.ok(r);
  return r;
}

describe('Anthropic extended thinking in a tool loop (thinking blocks go back signed)', function () {
  this.timeout(30_000);
  let fp: FakeProvider;
  let orchestrator: Orchestrator;

  before(async () => {
    fp = await startFakeProvider();
    const config: SwitchboardConfig = {
      providers: { a: { kind: 'anthropic', baseUrl: fp.anthropicBaseUrl, apiKeySecret: 'k' } },
      deployments: [{ id: 'sonnet', provider: 'a', model: MODEL }],
      aliases: { claude: { deployments: ['sonnet'] } },
    };
    orchestrator = make(config, { keys: () => 'sk-ant-test-0123456789' });
  });
  after(async () => {
    orchestrator?.dispose();
    await fp?.close();
  });

  for (const stream of [false, true]) {
    it(`${stream ? 'streamed' : 'chat()'}: the signed block comes out, goes back first in the assistant turn, and the loop completes with thinking on`, async () => {
      fp.forModel(MODEL, [{ kind: 'answer', reasoning: THOUGHT, toolCalls: [{ name: 'get_weather', arguments: ARGS }] }, { kind: 'answer', text: 'Sunny in Paris.' }]);
      let blocks: ThinkingBlock[];
      let id: string;
      if (stream) {
        const first = await collect(orchestrator, { model: 'claude', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: TOOLS, ...THINKING });
        assert.equal(first.error, undefined, first.error?.message);
        blocks = first.events.flatMap((e) => (e.type === 'thinking-block' ? [e.block] : []));
        id = first.events.flatMap((e) => (e.type === 'tool-call' ? [e.id] : []))[0] ?? '';
        assert.equal(first.events.filter((e) => e.type === 'reasoning').map((e) => (e.type === 'reasoning' ? e.text : '')).join(''), THOUGHT);
      } else {
        const first = await orchestrator.chat({ model: 'claude', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: TOOLS, ...THINKING });
        assert.equal(first.reasoning, THOUGHT);
        blocks = first.thinkingBlocks;
        id = first.toolCalls[0]?.id ?? '';
      }
      assert.equal(blocks.length, 1);
      assert.equal(blocks[0]?.type, 'thinking');
      assert.equal(blocks[0]?.type === 'thinking' ? blocks[0].thinking : '', THOUGHT);
      assert.match(blocks[0]?.type === 'thinking' ? blocks[0].signature : '', /^EqQB/);
      assert.deepEqual((last(fp).body as Body).thinking, { type: 'enabled', budget_tokens: 2048 });

      const second = await orchestrator.chat(followUp(id, blocks));
      assert.equal(second.content, 'Sunny in Paris.');
      const sent = last(fp);
      assert.equal(sent.shapeProblems, undefined, (sent.shapeProblems ?? []).join('; '));
      const body = sent.body as Body;
      assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2048 }, 'thinking stays on for the rest of the loop');
      assert.deepEqual(body.messages[1].content.map((b: Body) => b.type), ['thinking', 'tool_use']);
      assert.deepEqual(body.messages[1].content[0], blocks[0]);
    });
  }

  it('an assistant tool turn without its thinking blocks (not sent back, or made on another provider) goes without thinking instead of being refused', async () => {
    fp.forModel(MODEL, [{ kind: 'answer', text: 'Sunny in Paris.' }]);
    const r = await orchestrator.chat(followUp('toolu_from_elsewhere'));
    assert.equal(r.content, 'Sunny in Paris.');
    const body = last(fp).body as Body;
    assert.equal(last(fp).shapeProblems, undefined);
    assert.equal(body.thinking, undefined);
    assert.deepEqual(body.messages[1].content.map((b: Body) => b.type), ['tool_use']);
  });

  it('a malformed thinking block is refused before anything is sent, saying what to send', async () => {
    const before = fp.requestsFor(MODEL).length;
    await assert.rejects(
      orchestrator.chat(followUp('toolu_1', [{ type: 'thinking', thinking: 'x', signature: '' }])),
      (err: Error) => /messages\[1\]\.thinking_blocks\[0\] must be .*send the block back unchanged/.test(err.message),
    );
    assert.equal(fp.requestsFor(MODEL).length, before);
  });
});
