import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { WIRE_DIR, skipWithoutFixtures } from '../../support/fixtures-dir';
import { NOT_TRANSCRIPTS, classifyTranscript } from './transcript-catalog';

/** Nothing in ../shared/fixtures/wire is skipped silently: each file is replayed or listed with a reason. */
describe('replay: transcript catalog covers every captured file', function () {
  before(function () {
    skipWithoutFixtures(this);
  });

  it('classifies every transcript, with a reason for each unsupported one', () => {
    const files = readdirSync(WIRE_DIR).filter((f) => !NOT_TRANSCRIPTS.has(f));
    const unclassified = files.filter((f) => classifyTranscript(f) === undefined);
    assert.deepEqual(unclassified, [], 'add these to transcript-catalog.ts (replayed, or unsupported with a reason)');
    const counts = { openai: 0, anthropic: 0, unsupported: 0 };
    for (const f of files) {
      const c = classifyTranscript(f);
      if (!c) continue;
      if (c.supported) counts[c.adapter] += 1;
      else {
        counts.unsupported += 1;
        assert.ok(c.reason.length > 10, `${f} needs a real reason`);
      }
    }
    console.log(`      ${files.length} transcripts: ${counts.openai} OpenAI-format and ${counts.anthropic} Anthropic replayed, ${counts.unsupported} unsupported (listed with reasons)`);
    assert.ok(counts.openai > 0 && counts.anthropic > 0);
  });
});
