import * as assert from 'node:assert/strict';
import { createMemoryLedgerStore } from '../../../src/core/ledger/memory-ledger-store';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { createOrchestrator } from '../../../src/core/orchestrator/create-orchestrator';
import { Router } from '../../../src/core/router/router';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { CallRecord } from '../../../src/core/model/call-record';
import { LedgerStore, LogSink } from '../../../src/core/ports';
import { DEFAULT_WORST_CASE_OUTPUT_TOKENS } from '../../../src/core/orchestrator/stages/budget-stage';
import { answeringRouter, ask, collect, offlineConfig, recordsOf } from './helpers';

describe('runRequest: how a request ends', () => {
  describe('an internal failure is an error, not a cancel', () => {
    const throwing = (err: unknown): Router =>
      // eslint-disable-next-line require-yield
      async function* () {
        throw err;
      };

    it('a router that throws a plain Error ends with an error event (invalid_response) and an error record', async () => {
      const ledger = createMemoryLedgerStore({ workspaceId: 'w' });
      const o = createOrchestrator(offlineConfig(), { router: throwing(new Error('boom')), ledger });
      const records = recordsOf(o);
      const { terminal } = await collect(o, ask());
      assert.equal(terminal.type, 'error');
      if (terminal.type !== 'error') return;
      assert.ok(SwitchboardError.isInstance(terminal.error));
      assert.equal(terminal.error.kind, 'invalid_response');
      assert.match(terminal.error.message, /boom/);
      assert.equal(terminal.record.status, 'error');
      assert.equal(terminal.record.errorKind, 'invalid_response');
      await o.flush();
      assert.equal(records.length, 1);
      assert.equal(records[0]?.status, 'error');
      const stored = await ledger.query({});
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.status, 'error');
    });

    it('a thrown SwitchboardError keeps its kind; chat() rejects with it', async () => {
      const o = createOrchestrator(offlineConfig(), { router: throwing(new SwitchboardError({ kind: 'server', message: 'router broke' })) });
      const records = recordsOf(o);
      await assert.rejects(o.chat(ask()), (err: unknown) => SwitchboardError.isInstance(err) && err.kind === 'server' && err.record?.status === 'error');
      await o.flush();
      assert.equal(records[0]?.errorKind, 'server');
    });

    it('a consumer that stops iterating is still recorded as cancelled', async () => {
      const slow: Router = async function* () {
        yield { type: 'output', part: { type: 'text-delta', text: 'one ' } };
        await new Promise((r) => setTimeout(r, 10));
        return { attempts: [], end: { outcome: 'error', error: new SwitchboardError({ kind: 'cancelled', message: 'stopped' }), receivedOutput: false, latencyMs: 0 } };
      };
      const o = createOrchestrator(offlineConfig(), { router: slow });
      const records = recordsOf(o);
      for await (const ev of o.stream(ask())) if (ev.type === 'text') break;
      await o.flush();
      assert.equal(records.length, 1);
      assert.equal(records[0]?.status, 'cancelled');
      assert.equal(records[0]?.errorKind, 'cancelled');
    });
  });

  describe('a budget admission that fails', () => {
    it('is refused with a record (kind from the error, else invalid_response), not thrown', async () => {
      const budgets = { workspace: { daily: { limitUsd: 5, action: 'block' as const } } };
      let fail = true;
      const ledger = Object.assign(createMemoryLedgerStore({ workspaceId: 'w' }), {
        summary: () => (fail ? Promise.reject(new Error('ledger unreadable')) : Promise.resolve({ totals: { costUsd: 0 }, groups: [] } as never)),
      });
      const o = createOrchestrator(offlineConfig({ budgets }), { router: answeringRouter(), ledger });
      const records = recordsOf(o);
      const first = await collect(o, ask());
      assert.equal(first.terminal.type, 'error');
      if (first.terminal.type !== 'error') return;
      assert.equal(first.terminal.error.kind, 'invalid_response');
      assert.match(first.terminal.error.message, /ledger unreadable/);
      await o.flush();
      assert.equal(records[0]?.status, 'error');
      assert.equal(records[0]?.errorKind, 'invalid_response');
      fail = false;
      const second = await collect(o, ask());
      assert.equal(second.terminal.type, 'done', 'the next request loads the spend again');
    });
  });

  describe('R13 across settings changes', () => {
    it('a settings change that keeps the budgets keeps the in-flight reservations', async () => {
      const budgets = { workspace: { daily: { limitUsd: 0.003, action: 'block' as const } } };
      let finish: () => void = () => undefined;
      const gate = new Promise<void>((r) => (finish = r));
      const inner = answeringRouter();
      let calls = 0;
      const held: Router = async function* (ctx) {
        if (calls++ === 0) await gate; // only the first request is held in flight
        return yield* inner(ctx);
      };
      const config = offlineConfig({ budgets });
      const o = createOrchestrator(config, { router: held });
      const req = ask('x', { max_tokens: 1000 }); // worst case ≈ $0.002
      const first = o.stream(req)[Symbol.asyncIterator]();
      const pendingFirst = first.next();
      await new Promise((r) => setTimeout(r, 10));
      o.updateConfig({ ...config, aliases: { ...config.aliases, y: { deployments: ['b'] } } });
      const second = await collect(o, req);
      assert.equal(second.terminal.type, 'error');
      if (second.terminal.type === 'error') assert.equal(second.terminal.error.kind, 'budget_exceeded');
      finish();
      await pendingFirst;
      while (!(await first.next()).done);
    });
  });

  describe('a budgeted request without max_tokens', () => {
    const budgets = { workspace: { daily: { limitUsd: 100, action: 'block' as const } } };
    const config = (withBudgets: boolean): ReturnType<typeof offlineConfig> => {
      const c = offlineConfig(withBudgets ? { budgets } : {});
      c.deployments = c.deployments.map((d) => (d.id === 'a' ? { ...d, maxOutputTokens: 1000 } : d));
      return c;
    };

    it('is sent with the output cap that was reserved (min over candidates)', async () => {
      const seen: ChatRequest[] = [];
      await createOrchestrator(config(true), { router: answeringRouter(seen) }).chat(ask('x'));
      assert.equal(seen[0]?.max_tokens, 1000);
      await createOrchestrator(config(true), { router: answeringRouter(seen) }).chat(ask('b'));
      assert.equal(seen[1]?.max_tokens, DEFAULT_WORST_CASE_OUTPUT_TOKENS);
    });

    it('keeps its own max_tokens; without budgets the same default cap applies (S9)', async () => {
      const seen: ChatRequest[] = [];
      await createOrchestrator(config(true), { router: answeringRouter(seen) }).chat(ask('x', { max_tokens: 50 }));
      await createOrchestrator(config(false), { router: answeringRouter(seen) }).chat(ask('x'));
      await createOrchestrator(config(false), { router: answeringRouter(seen) }).chat(ask('b'));
      await createOrchestrator({ ...config(false), guards: { defaultMaxTokens: 300 } }, { router: answeringRouter(seen) }).chat(ask('x'));
      assert.equal(seen[0]?.max_tokens, 50);
      assert.equal(seen[1]?.max_tokens, 1000, 'the smallest candidate maxOutputTokens');
      assert.equal(seen[2]?.max_tokens, DEFAULT_WORST_CASE_OUTPUT_TOKENS);
      assert.equal(seen[3]?.max_tokens, 300, 'guards.defaultMaxTokens when smaller');
    });
  });

  describe('publishing a record', () => {
    it('a failing budget mirror does not keep the record from the real ledger', async () => {
      const written: CallRecord[] = [];
      const writeOnly: LedgerStore = { append: async (r) => void written.push(r) };
      const errors: string[] = [];
      const log = { info: () => undefined, warn: () => undefined, error: (m: string) => void errors.push(m) } as unknown as LogSink;
      const budgets = { workspace: { daily: { limitUsd: 100, action: 'warn' as const } } };
      const o = createOrchestrator(offlineConfig({ budgets }), { router: answeringRouter(), ledger: writeOnly, log });
      // An origin the in-memory mirror cannot clone makes the mirror's append fail.
      await o.chat(ask(), { origin: (() => 'x') as unknown as string });
      await o.flush();
      assert.equal(written.length, 1, 'the real ledger got the record');
      assert.equal(errors.length, 1);
    });

    it('a ledger that throws at once (not a rejection) is logged; the answer and the record listeners are unharmed, flush() still resolves', async () => {
      const throwing: LedgerStore = {
        append: () => {
          throw new Error('disk gone');
        },
      };
      const errors: string[] = [];
      const log = { info: () => undefined, warn: () => undefined, error: (m: string) => void errors.push(m) } as unknown as LogSink;
      const o = createOrchestrator(offlineConfig(), { router: answeringRouter(), ledger: throwing, log });
      const records = recordsOf(o);
      const result = await o.chat(ask());
      assert.equal(result.record.status, 'ok');
      await o.flush();
      assert.deepEqual(records.map((r) => r.id), [result.record.id]);
      assert.equal(errors.length, 1);
      assert.match(errors[0] ?? '', /Could not write record .* to the ledger: disk gone/);
    });

    it("done waits neither for the record's publishing nor for the ledger's sync; flush() resolves only once the record is durable", async () => {
      const queued: CallRecord[] = [];
      let synced: () => void = () => undefined;
      const slow: LedgerStore = { append: (r) => (queued.push(r), new Promise<void>((resolve) => (synced = resolve))) };
      const o = createOrchestrator(offlineConfig(), { router: answeringRouter(), ledger: slow });
      const result = await o.chat(ask());
      assert.equal(queued.length, 0, 'published after the caller has the answer');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(queued.map((r) => r.id), [result.record.id], 'queued in the ledger on the next turn');
      let flushed = false;
      const flush = o.flush().then(() => (flushed = true));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(flushed, false, 'flush waits for the sync');
      synced();
      await flush;
      assert.equal(flushed, true);
    });
  });

  describe('a disposed orchestrator', () => {
    it('stream() returns a stream that ends with one bad_request error event; chat() rejects', async () => {
      const o = createOrchestrator(offlineConfig(), { router: answeringRouter() });
      o.dispose();
      let stream: AsyncIterable<unknown> | undefined;
      assert.doesNotThrow(() => {
        stream = o.stream(ask());
      });
      const events = [];
      for await (const ev of stream as ReturnType<typeof o.stream>) events.push(ev);
      assert.equal(events.length, 1);
      const [ev] = events;
      assert.equal(ev?.type, 'error');
      if (ev?.type !== 'error') return;
      assert.equal(ev.error.kind, 'bad_request');
      assert.equal(ev.error.message, 'This orchestrator was disposed');
      assert.equal(ev.record.status, 'error');
      await assert.rejects(o.chat(ask()), (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'bad_request');
    });
  });

  describe('secrets in error messages', () => {
    const canary = 'sk-proj-CANARY0123456789abcdefXYZ';
    const leaking: Router = async function* () {
      yield* [];
      const error = new SwitchboardError({ kind: 'auth', status: 401, message: `Incorrect API key provided: ${canary}`, providerMessage: `key ${canary}` });
      return { attempts: [{ deploymentId: 'a', kind: 'first', outcome: 'error', errorKind: 'auth', startedAt: 0, latencyMs: 1 }], end: { outcome: 'error', error, receivedOutput: false, latencyMs: 1 } };
    };

    it('are redacted in the record every listener gets and in the error event', async () => {
      const o = createOrchestrator(offlineConfig(), { router: leaking });
      const records = recordsOf(o);
      const { terminal } = await collect(o, ask());
      assert.equal(terminal.type, 'error');
      if (terminal.type !== 'error') return;
      assert.equal(terminal.error.kind, 'auth');
      assert.equal(terminal.error.status, 401);
      assert.ok(!JSON.stringify(records).includes(canary), 'listener record');
      assert.ok(!terminal.error.message.includes(canary), 'error event message');
      assert.ok(!(terminal.error.providerMessage ?? '').includes(canary), 'error event provider message');
      await o.flush();
      assert.match(records[0]?.errorMessage ?? '', /\[redacted\]/);
      await assert.rejects(o.chat(ask()), (e: unknown) => SwitchboardError.isInstance(e) && !e.message.includes(canary));
    });

    it('are redacted when an internal failure quotes one', async () => {
      // eslint-disable-next-line require-yield
      const o = createOrchestrator(offlineConfig(), { router: async function* () { throw new Error(`bad header Authorization: Bearer ${canary}`); } });
      const records = recordsOf(o);
      const { terminal } = await collect(o, ask());
      await o.flush();
      assert.equal(records.length, 1);
      assert.ok(!JSON.stringify(records).includes(canary));
      assert.ok(terminal.type === 'error' && !terminal.error.message.includes(canary));
    });
  });
});
