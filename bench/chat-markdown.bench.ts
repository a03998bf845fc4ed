/**
 * Chat view figures (no pass/fail): parser + highlighter cost of streaming a
 * ~3,000-token markdown answer the way the webview renders it (finished blocks
 * once, highlighted; only the unfinished tail re-rendered per frame) against the
 * naive way (the whole answer re-rendered and highlighted every frame), in the
 * same run, with the same markdown-it + highlight.js setup as the webview.
 * DOMPurify and layout are not in these figures: the e2e
 * (test/e2e/chat-xss-perf.test.ts) measures the whole main thread in the real webview.
 *
 * Run: node --require tsx/cjs bench/chat-markdown.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { createParser } from '../src/webview/markdown/markdown-parser';
import { stablePrefixEnd } from '../src/webview/markdown/stable-prefix';
import { fmt, line } from './support/bench-utils';
import { longMarkdownAnswer } from '../test/support/long-markdown-answer';

/** Chunks per animation frame in the e2e run (3,000 chunks over ~670 frames). */
const CHUNKS_PER_FRAME = 4;

function run(label: string, chunks: string[], frame: (text: string) => void): void {
  let text = '';
  let total = 0;
  let max = 0;
  for (let i = 0; i < chunks.length; i++) {
    text += chunks[i];
    if (i % CHUNKS_PER_FRAME !== CHUNKS_PER_FRAME - 1 && i !== chunks.length - 1) continue;
    const t0 = performance.now();
    frame(text);
    const d = performance.now() - t0;
    total += d;
    max = Math.max(max, d);
  }
  line(label, `total ${fmt(total, 0)} ms   longest frame ${fmt(max, 2)} ms`);
}

function main(): void {
  const chunks = longMarkdownAnswer();
  const finished = createParser(true);
  const growing = createParser(false);
  console.log(`chat markdown: ${chunks.length} chunks, ${chunks.join('').length} chars, a frame every ${CHUNKS_PER_FRAME} chunks`);
  // Warm up both parsers and the highlighter (JIT), then measure.
  finished.render(chunks.join(''));
  growing.render(chunks.join(''));
  run('naive: whole answer per frame (baseline)', chunks, (text) => {
    finished.render(text);
  });
  let renderedUpTo = 0;
  run('webview: finished blocks once + tail', chunks, (text) => {
    const cut = stablePrefixEnd(text, renderedUpTo);
    if (cut > renderedUpTo) finished.render(text.slice(renderedUpTo, cut));
    renderedUpTo = Math.max(renderedUpTo, cut);
    growing.render(text.slice(renderedUpTo));
  });
}

main();
