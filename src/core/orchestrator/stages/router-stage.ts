import { StreamEvent } from '../../model/stream-event';
import { ToolCallEvents } from '../../model/tool-call-events';
import { AttemptHandoff, RouteEvent, Router, RouterItem } from '../../router/router';
import { AttemptEnd } from '../../router/run-attempt';
import { AnswerText } from '../pipeline/answer-text';
import { Handoff, mapped } from '../pipeline/runs';
import { RequestContext, StageRun } from '../pipeline/stage';

/** A router event as the caller sees it (a complete tool call is preceded by its `tool-call-end`). */
function toStreamEvents(ev: RouteEvent, toolCalls: ToolCallEvents): StreamEvent | StreamEvent[] {
  if (ev.type === 'notice') return { type: 'attempt', notice: ev.notice };
  const part = ev.part;
  switch (part.type) {
    case 'text-delta':
      return { type: 'text', text: part.text };
    case 'reasoning-delta':
      return { type: 'reasoning', text: part.text };
    case 'thinking-block':
      return { type: 'thinking-block', block: part.block };
    default:
      return toolCalls.map(part);
  }
}

/** The router hands over each attempt; its events are read directly, its end handed back (see AttemptHandoff). */
const ATTEMPTS: Handoff<RouteEvent, AttemptHandoff, AttemptEnd> = {
  is: (item: RouterItem): item is AttemptHandoff => item.type === 'attempt',
  run: (item) => item.run,
};

/**
 * The innermost step: the router picks, calls, retries and fails over (the one
 * retry loop); this turns what it reports into events and the priced record.
 * Not a generator over the router's: a mapped run that reads each attempt the
 * router hands over directly, one promise turn per event.
 */
export function routerStage(router: Router): (ctx: RequestContext) => StageRun {
  return (ctx) => {
    const answer = new AnswerText();
    const toolCalls = new ToolCallEvents();
    return mapped(
      () => {
        ctx.record.routed = true;
        return router({ runtime: ctx.runtime, target: ctx.target, request: ctx.request, stream: ctx.stream, signal: ctx.signal, stop: ctx.stop, options: ctx.options });
      },
      (ev) => {
        const events = toStreamEvents(ev, toolCalls);
        if (Array.isArray(events)) for (const e of events) answer.observe(e);
        else answer.observe(events as StreamEvent);
        return events;
      },
      (result) => ctx.record.routedTo(result, ctx.request, answer.content, answer.reasoning),
      ATTEMPTS,
    );
  };
}
