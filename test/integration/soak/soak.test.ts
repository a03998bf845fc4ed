/**
 * R17 / P8 soak: 10,000 mixed requests (streams, JSON, cache hits, cancels
 * mid-stream, pre-aborted signals, 500s, 429 with a 20 ms retry-after, cut
 * streams, resets) through one orchestrator against the fake provider, at most
 * 32 in flight. Pass/fail on memory and resources, never on time:
 *  - heap used after forced GC at the end ≤ 110% of the level after the first
 *    1,000 requests + 2 MiB absolute slack (GC and JIT noise on a ~40 MB heap);
 *  - no growth in active handles / timers (process.getActiveResourcesInfo()
 *    counts by type, post-1k vs end; sockets compared after keep-alive drain);
 *  - the fake server's open sockets go back to 0 once idle keep-alives expire;
 *  - nothing (timers, sockets) is left once the orchestrator is disposed.
 * The run needs --expose-gc, so it happens in a child process (soak-run.ts)
 * that prints its measurements as JSON.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const TOTAL = 10_000;
const SLACK_BYTES = 2 * 1024 * 1024;

interface SoakResult {
  total: number;
  runMs: number;
  records: number;
  kinds: Record<string, number>;
  statuses: Record<string, number>;
  cacheStatuses: Record<string, number>;
  unexpected: string[];
  unexpectedCount: number;
  serverSocketsAccepted: number;
  baselineResources: Record<string, number>;
  post1k: { heapUsed: number; resources: Record<string, number>; serverSockets: number };
  end: { heapUsed: number; resources: Record<string, number>; serverSockets: number };
  drained: { afterMs: number; serverSockets: number; resources: Record<string, number> };
  afterClose: Record<string, number>;
  trend: { after: number; heapUsed: number }[];
}

function runSoak(): Promise<SoakResult> {
  const root = path.resolve(__dirname, '../../..');
  const script = path.join(__dirname, 'soak-run.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--require', 'tsx/cjs', script, '--requests', String(TOTAL), '--concurrency', '32'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`soak-run exited with ${code}:\n${err}\n${out}`));
      resolve(JSON.parse(last) as SoakResult);
    });
  });
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MB`;
const count = (r: Record<string, number>, type: string): number => r[type] ?? 0;

describe('R17 soak: 10k mixed requests through one orchestrator', function () {
  this.timeout(300_000);
  let r: SoakResult;

  before(async () => {
    r = await runSoak();
    const growth = r.end.heapUsed - r.post1k.heapUsed;
    const perReq = growth / (r.total - 1000);
    console.log(
      `      soak: ${r.total} requests in ${(r.runMs / 1000).toFixed(1)} s; heap after GC post-1k ${mb(r.post1k.heapUsed)}, end ${mb(r.end.heapUsed)} ` +
        `(${growth >= 0 ? '+' : ''}${((growth / r.post1k.heapUsed) * 100).toFixed(1)}%, ${perReq.toFixed(0)} B/request; limit ${mb(r.post1k.heapUsed * 1.1 + SLACK_BYTES)}); ` +
        `statuses ${JSON.stringify(r.statuses)}; cache ${JSON.stringify(r.cacheStatuses)}; server sockets accepted ${r.serverSocketsAccepted}, open at end ${r.end.serverSockets}, after ${r.drained.afterMs} ms idle ${r.drained.serverSockets}`,
    );
  });

  it('ran the whole mix: every request produced one record, no unexpected failure', () => {
    assert.equal(r.records, TOTAL);
    assert.deepEqual(r.unexpected, [], `${r.unexpectedCount} unexpected outcomes`);
    for (const kind of ['stream', 'json', 'ant-stream', 'cached', 'cancel', 'pre-aborted', 'fault-500', 'fault-429', 'fault-cut', 'fault-reset']) assert.ok((r.kinds[kind] ?? 0) > 0, `no ${kind} request ran`);
    for (const status of ['ok', 'cancelled', 'incomplete']) assert.ok((r.statuses[status] ?? 0) > 0, `no record with status ${status}`);
    assert.ok((r.cacheStatuses.hit ?? 0) > 0, 'no cache hit');
  });

  it('heap used after GC at the end is within +10% (+2 MiB) of the level after the first 1k', () => {
    const limit = r.post1k.heapUsed * 1.1 + SLACK_BYTES;
    assert.ok(r.end.heapUsed <= limit, `heap grew from ${mb(r.post1k.heapUsed)} to ${mb(r.end.heapUsed)} (limit ${mb(limit)}); trend ${r.trend.map((t) => `${t.after}:${mb(t.heapUsed)}`).join(' ')}`);
  });

  it('no growth in active handles or timers between the post-1k checkpoint and the end', () => {
    for (const [type, n] of Object.entries(r.end.resources)) {
      if (type === 'TCPSocketWrap') continue; // keep-alive sockets: checked after they drain
      assert.ok(n <= count(r.post1k.resources, type), `${type}: ${count(r.post1k.resources, type)} after 1k, ${n} at the end`);
    }
    assert.equal(count(r.end.resources, 'Timeout'), 0, 'timers pending with no request in flight');
  });

  it("the fake server's open sockets go back to 0 once idle keep-alives expire", () => {
    assert.equal(r.drained.serverSockets, 0, `${r.drained.serverSockets} server sockets still open after ${r.drained.afterMs} ms idle`);
    assert.equal(count(r.drained.resources, 'TCPSocketWrap'), count(r.baselineResources, 'TCPSocketWrap'), `client/server sockets left: ${JSON.stringify(r.drained.resources)}`);
  });

  it('nothing is left running once the orchestrator is disposed and the server closed', () => {
    for (const type of ['Timeout', 'Immediate', 'TCPSocketWrap', 'TCPServerWrap']) assert.ok(count(r.afterClose, type) <= count(r.baselineResources, type), `${type} left: ${JSON.stringify(r.afterClose)}`);
  });
});
