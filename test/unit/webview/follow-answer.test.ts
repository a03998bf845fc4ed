import assert from 'node:assert/strict';
import { FollowAnswer } from '../../../src/webview/render/follow-answer';

/**
 * The transcript follows a streaming answer down until the user scrolls up.
 * Our own scroll to the bottom fires a scroll event that may arrive after more
 * of the answer landed; that must not stop following (it did: the e2e
 * streaming check caught the view 43 px short of the end, nobody scrolling).
 */
describe('webview: following a streaming answer', () => {
  it('our scroll to the bottom, reported after the content grew past the slack, keeps following', () => {
    const f = new FollowAnswer();
    f.pinned(1000); // content 1230, viewport 230: at the end
    f.scrolled({ top: 1000, viewport: 230, content: 1530 }); // a code block added 300 px before the event
    assert.equal(f.active, true);
  });

  it('the user scrolling up stops it; scrolling back to the end resumes it', () => {
    const f = new FollowAnswer();
    f.pinned(1000);
    f.scrolled({ top: 600, viewport: 230, content: 1230 });
    assert.equal(f.active, false, 'moved up to read');
    f.scrolled({ top: 700, viewport: 230, content: 1400 });
    assert.equal(f.active, false, 'still above the end');
    f.scrolled({ top: 1150, viewport: 230, content: 1400 });
    assert.equal(f.active, true, 'back at the end (within the slack)');
  });

  it('once stopped, our earlier pin does not bring it back; a new question does', () => {
    const f = new FollowAnswer();
    f.pinned(1000);
    f.scrolled({ top: 900, viewport: 230, content: 1230 });
    assert.equal(f.active, false);
    f.scrolled({ top: 1000, viewport: 230, content: 2000 });
    assert.equal(f.active, false, 'the user is reading above the end');
    f.restart();
    assert.equal(f.active, true);
    // A new conversation replaced the content: the view clamps to the top before our next scroll to the bottom.
    f.scrolled({ top: 0, viewport: 230, content: 5000 });
    assert.equal(f.active, true, 'the old pin is forgotten');
  });

  it('content that shrank under the view leaves it at the end: still following', () => {
    const f = new FollowAnswer();
    f.pinned(1000);
    f.scrolled({ top: 800, viewport: 230, content: 1030 });
    assert.equal(f.active, true);
  });
});
