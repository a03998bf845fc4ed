// Starts Portkey's open-source gateway (@portkey-ai/gateway, its own build/start-server.js)
// in this process, bound to 127.0.0.1 on the port given as argv[2] (0 = any free port),
// and prints one JSON line {"port"} on stdout once it listens. Used by bench/peers.bench.ts.
//
// Two harness adjustments, neither touching the gateway's request logic:
//  - the gateway calls serve({ port }) (all interfaces); listen() is pointed at loopback.
//  - On Node 20 the gateway's streaming path fails with "TypeError: immutable"
//    (Portkey-AI/gateway#1389/#1550: it appends x-portkey-* headers to a Response
//    built from the upstream fetch() response, whose headers are immutable). fetch()
//    responses get a mutable Headers copy, so streaming through the gateway works.
import http from 'node:http';

const wanted = Number(process.argv[2] ?? 0);
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function () {
  this.once('listening', () => process.stdout.write(`${JSON.stringify({ port: this.address().port })}\n`));
  return listen.call(this, { port: wanted, host: '127.0.0.1' });
};

const upstreamFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const r = await upstreamFetch(...args);
  return new globalThis.Response(r.body, { status: r.status, statusText: r.statusText, headers: new globalThis.Headers(r.headers) });
};

// The gateway prints a banner with a spinner on stdout; keep stdout for the port line.
console.log = () => undefined;
console.clear = () => undefined;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => (String(chunk).startsWith('{"port"') ? write(chunk, ...rest) : true);
process.argv.splice(2, process.argv.length, '--headless', '--port=1');
await import('@portkey-ai/gateway/build/start-server.js');
