import { StreamEvent } from '../../model/stream-event';
import { ToolCallEvents } from '../../model/tool-call-events';
import { RouteEvent, Router } from '../../router/router';
import { AnswerText } from '../pipeline/answer-text';
import { RequestContext, StageRun } from '../pipeline/stage';

/** A router event as the caller sees it (a complete tool call is preceded by its `tool-call-end`). */
function toStreamEvents(ev: RouteEvent, toolCalls: ToolCallEvents): StreamEvent[] {
  if (ev.type === 'notice') return [{ type: 'attempt', notice: ev.notice }];
  const part = ev.part;
  switch (part.type) {
    case 'text-delta':
      return [{ type: 'text', text: part.text }];
    case 'reasoning-delta':
      return [{ type: 'reasoning', text: part.text }];
    case 'thinking-block':
      return [{ type: 'thinking-block', block: part.block }];
    default:
      return toolCalls.map(part);
  }
}

/**
 * The innermost step: the router picks, calls, retries and fails over (the one
 * retry loop); this turns what it reports into events and the priced record.
 */
export function routerStage(router: Router): (ctx: RequestContext) => StageRun {
  return async function* (ctx) {
    const answer = new AnswerText();
    const toolCalls = new ToolCallEvents();
    ctx.record.routed = true;
    const route = router({ runtime: ctx.runtime, target: ctx.target, request: ctx.request, stream: ctx.stream, signal: ctx.signal, options: ctx.options });
    let ended = false;
    try {
      let step = await route.next();
      while (!step.done) {
        for (const ev of toStreamEvents(step.value, toolCalls)) {
          answer.observe(ev);
          yield ev;
        }
        step = await route.next();
      }
      ended = true;
      return ctx.record.routedTo(step.value, ctx.request, answer.content, answer.reasoning);
    } finally {
      if (!ended) await route.return(undefined as unknown as never).catch(() => undefined);
    }
  };
}
