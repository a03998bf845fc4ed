import assert from 'node:assert/strict';
import { createOrchestrator, validateConfig } from '../../../src/core/index';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';

/**
 * Issue 14 items 7 and 8 (R20): whatever a settings file or a script hands
 * over, validation returns a list of problems with paths and fixes. It never
 * throws, and nothing it accepts fails later.
 */
describe('hardening: config validation survives hostile input', function () {
  this.timeout(60_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(async () => fp.close());

  const base = (): Record<string, unknown> => ({
    providers: { p: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl } },
    deployments: [{ id: 'd', provider: 'p', model: 'm' }],
    aliases: { fast: { deployments: ['d'] } },
  });

  describe('item 7: prototype names', () => {
    /** JSON.parse makes `__proto__` an own key, as settings.json and scripts deliver it. */
    const parsed = (text: string): unknown => JSON.parse(text) as unknown;
    const url = (): string => JSON.stringify(fp.openaiBaseUrl);
    const cases: Array<[string, () => unknown, RegExp]> = [
      ['provider "__proto__"', () => parsed(`{"providers":{"__proto__":{"kind":"openai-compatible","baseUrl":${url()}}},"deployments":[{"id":"d","provider":"__proto__","model":"m"}],"aliases":{"fast":{"deployments":["d"]}}}`), /^providers/],
      ['provider "constructor"', () => parsed(`{"providers":{"constructor":{"kind":"openai-compatible","baseUrl":${url()}}},"deployments":[{"id":"d","provider":"constructor","model":"m"}],"aliases":{"fast":{"deployments":["d"]}}}`), /^providers/],
      ['deployment "constructor"', () => parsed(`{"providers":{"p":{"kind":"openai-compatible","baseUrl":${url()}}},"deployments":[{"id":"constructor","provider":"p","model":"m"}],"aliases":{"fast":{"deployments":["constructor"]}}}`), /^deployments\[0\]/],
      ['deployment "__proto__"', () => parsed(`{"providers":{"p":{"kind":"openai-compatible","baseUrl":${url()}}},"deployments":[{"id":"__proto__","provider":"p","model":"m"}],"aliases":{"fast":{"deployments":["__proto__"]}}}`), /^deployments\[0\]/],
      ['alias "__proto__"', () => parsed(`{"providers":{"p":{"kind":"openai-compatible","baseUrl":${url()}}},"deployments":[{"id":"d","provider":"p","model":"m"}],"aliases":{"__proto__":{"deployments":["d"]}}}`), /^aliases/],
      ['alias "constructor"', () => parsed(`{"providers":{"p":{"kind":"openai-compatible","baseUrl":${url()}}},"deployments":[{"id":"d","provider":"p","model":"m"}],"aliases":{"constructor":{"deployments":["d"]}}}`), /^aliases/],
      ['alias "toString"', () => parsed(`{"providers":{"p":{"kind":"openai-compatible","baseUrl":${url()}}},"deployments":[{"id":"d","provider":"p","model":"m"}],"aliases":{"toString":{"deployments":["d"]}}}`), /^aliases/],
    ];
    for (const [name, config, path] of cases) {
      it(`${name} is refused with a clear error`, () => {
        const v = validateConfig(config());
        assert.equal(v.ok, false, `${name} was accepted`);
        if (v.ok) return;
        const issue = v.errors.find((e) => path.test(e.path) && /reserved/i.test(e.message));
        assert.ok(issue, `no clear error: ${JSON.stringify(v.errors)}`);
        assert.match(issue.message, /rename/i);
      });
    }

    it('an ordinary name still works end to end over a socket', async () => {
      const o = createOrchestrator(base() as never, {});
      const r = await o.chat({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] });
      assert.match(r.content, /hi/);
      o.dispose();
    });
  });

  describe('item 8: validateConfig never throws', () => {
    const throwsNot = (raw: unknown, what: RegExp): void => {
      let v: ReturnType<typeof validateConfig> | undefined;
      assert.doesNotThrow(() => {
        v = validateConfig(raw);
      });
      assert.ok(v && !v.ok, 'accepted');
      assert.ok(v.errors.some((e) => what.test(e.message)), JSON.stringify(v.errors.slice(0, 5)));
    };

    it('a BigInt anywhere', () => {
      const c = base();
      (c.deployments as Array<Record<string, unknown>>)[0]!.rpm = 10n;
      throwsNot(c, /BigInt|number/i);
      const d = base();
      (d.providers as Record<string, Record<string, unknown>>).p!.headers = { 'x-n': 1n };
      throwsNot(d, /BigInt/i);
      throwsNot({ ...base(), retry: { maxRetries: 2n } }, /BigInt|number/i);
    });

    it('a cyclic object', () => {
      const c = base();
      const cyc: Record<string, unknown> = { deployments: ['d'] };
      cyc.self = cyc;
      (c.aliases as Record<string, unknown>).loop = cyc;
      throwsNot(c, /cycl|refers to itself/i);
      const d = base();
      d.auto = d;
      throwsNot(d, /cycl|refers to itself/i);
    });

    it('functions, symbols, NaN and deep nesting', () => {
      throwsNot({ ...base(), retry: { maxRetries: () => 2 } }, /function|number/i);
      let deep: Record<string, unknown> = {};
      const root = deep;
      for (let i = 0; i < 100_000; i++) {
        const next: Record<string, unknown> = {};
        deep.x = next;
        deep = next;
      }
      throwsNot({ ...base(), auto: root }, /deep|nest/i);
    });

    it('a 20,000-alias fallback chain validates (iterative cycle check) and stays usable', () => {
      const aliases: Record<string, unknown> = {};
      const n = 20_000;
      for (let i = 0; i < n; i++) aliases[`a${i}`] = { deployments: ['d'], fallbacks: [`a${(i + 1) % n}`] };
      const raw = { ...base(), aliases };
      let v: ReturnType<typeof validateConfig> | undefined;
      assert.doesNotThrow(() => {
        v = validateConfig(raw);
      });
      assert.ok(v?.ok, v && !v.ok ? JSON.stringify(v.errors.slice(0, 3)) : '');
      assert.ok(v.warnings.some((w) => /cycle/.test(w.message)), 'the cycle is reported');
    });
  });
});
