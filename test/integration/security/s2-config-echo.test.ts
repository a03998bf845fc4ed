import assert from 'node:assert/strict';
import { validateConfig } from '../../../src/core/index';

/**
 * Issue 13 item 5 (S2): validation messages are shown in a popup, the log and
 * the chat view. A key pasted into a baseUrl, or a credential header put in
 * settings, must be refused without being echoed back.
 */
describe('S2: config problems never echo a credential', () => {
  const KEY = 'sk-live-9f8e7d6c5b4a39281706ABCDEF';
  const withProvider = (p: Record<string, unknown>): unknown => ({
    providers: { p: { kind: 'openai-compatible', apiKeySecret: 'p', ...p } },
    deployments: [{ id: 'd', provider: 'p', model: 'm' }],
    aliases: { a: { deployments: ['d'] } },
  });
  const messages = (raw: unknown): string => {
    const v = validateConfig(raw);
    assert.equal(v.ok, false);
    return v.ok ? '' : JSON.stringify(v.errors);
  };

  for (const bad of [`https//api.example.com/v1?key=${KEY}`, `api.example.com/${KEY}/v1`, `https://${KEY}@ api.example.com`, `not a url ${KEY}`]) {
    it(`an invalid baseUrl is refused without its key: ${bad.replace(KEY, 'KEY')}`, () => {
      const text = messages(withProvider({ baseUrl: bad }));
      assert.match(text, /not a valid URL/);
      assert.ok(!text.includes(KEY), text);
    });
  }

  for (const header of ['Authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'cf-aig-authorization', 'helicone-auth', 'Ocp-Apim-Subscription-Key', 'X-Portkey-Api-Key', 'x-auth-token']) {
    it(`the credential header "${header}" is refused in settings, without echoing its value`, () => {
      const text = messages(withProvider({ baseUrl: 'https://gateway.example.com/v1', headers: { [header]: `Bearer ${KEY}` } }));
      assert.match(text, /carries a credential/);
      assert.match(text, /Set API Key/);
      assert.ok(!text.includes(KEY), text);
    });
  }

  it('ordinary custom headers stay allowed', () => {
    const v = validateConfig(withProvider({ baseUrl: 'https://gateway.example.com/v1', headers: { 'HTTP-Referer': 'https://example.com', 'X-Title': 'Switchboard', 'anthropic-beta': 'x' } }));
    assert.ok(v.ok, v.ok ? '' : JSON.stringify(v.errors));
  });
});
