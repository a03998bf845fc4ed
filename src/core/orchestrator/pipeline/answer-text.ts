import { StreamEvent } from '../../model/stream-event';

/**
 * The answer as it streams past a stage: text, reasoning and where each event
 * cut them (so a cache hit replays the same events). A labelled restart on
 * another deployment replaces what came before.
 */
export class AnswerText {
  content = '';
  reasoning = '';
  textChunks: number[] = [];
  reasoningChunks: number[] = [];

  observe(ev: StreamEvent): void {
    if (ev.type === 'text') {
      this.content += ev.text;
      if (ev.text.length > 0) this.textChunks.push(ev.text.length);
    } else if (ev.type === 'reasoning') {
      this.reasoning += ev.text;
      if (ev.text.length > 0) this.reasoningChunks.push(ev.text.length);
    } else if (ev.type === 'attempt' && ev.notice.kind === 'restart') {
      this.content = this.reasoning = '';
      this.textChunks = [];
      this.reasoningChunks = [];
    }
  }
}
