/** How close to the bottom (px) still counts as "at the end" of the transcript. */
const FOLLOW_SLACK = 40;

/** Where the transcript is: its scroll position, its visible height and its content's height (px). */
export interface ScrollPosition {
  top: number;
  viewport: number;
  content: number;
}

/**
 * Whether the transcript follows a streaming answer down. Only the user moving
 * up stops it: our own scroll to the bottom fires a `scroll` event too, often
 * after more of the answer landed (a code block rendering adds hundreds of px
 * at once), and judging that event by the distance to the new bottom used to
 * stop following while nobody had touched the view.
 */
export class FollowAnswer {
  private following = true;
  /** Where our last scroll to the bottom left the view (-1: none yet). */
  private pinnedAt = -1;

  get active(): boolean {
    return this.following;
  }

  /** A new question (or a new conversation): follow its answer, whatever the view was scrolled to before. */
  restart(): void {
    this.following = true;
    this.pinnedAt = -1;
  }

  /** The view was scrolled to the bottom by us; `top` is where it ended up (clamped). */
  pinned(top: number): void {
    this.pinnedAt = top;
  }

  /** A `scroll` event, ours or the user's. */
  scrolled(at: ScrollPosition): void {
    const atEnd = at.top + at.viewport >= at.content - FOLLOW_SLACK;
    this.following = atEnd || (this.following && at.top >= this.pinnedAt);
  }
}
