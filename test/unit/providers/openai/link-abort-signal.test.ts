import assert from 'node:assert/strict';
import { linkAbortSignal } from '../../../../src/core/providers/openai/link-abort-signal';

describe('providers/openai linkAbortSignal', () => {
  it('follows the caller: the caller aborts, the link aborts with its reason', () => {
    const parent = new AbortController();
    const link = linkAbortSignal(parent.signal);
    parent.abort('stop');
    assert.equal(link.signal.aborted, true);
    assert.equal(link.signal.reason, 'stop');
  });

  it('a call stopped early or failed aborts on dispose (the socket closes)', () => {
    const link = linkAbortSignal(new AbortController().signal);
    link.dispose();
    assert.equal(link.signal.aborted, true);
  });

  it('a fully read answer is not aborted on dispose, and the caller is unhooked', () => {
    const parent = new AbortController();
    const link = linkAbortSignal(parent.signal);
    link.dispose(true);
    assert.equal(link.signal.aborted, false);
    parent.abort();
    assert.equal(link.signal.aborted, false, 'the listener was removed');
  });
});
