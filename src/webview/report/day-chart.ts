import { formatUsd } from '../../protocol/format-usd';
import type { ReportDay } from '../../protocol/report-messages';

const SVG = 'http://www.w3.org/2000/svg';
const W = 600;
const H = 160;
const PAD_LEFT = 56;
const PAD_BOTTOM = 22;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Spend per day as plain SVG bars: geometry in attributes, colours in the
 * stylesheet (CSP: no inline style). Each bar has a <title> for the exact
 * figure, and the chart an aria-label summarising it.
 */
export function dayChart(days: readonly ReportDay[], todayKey: string): SVGSVGElement {
  const max = Math.max(...days.map((d) => d.costUsd), 0);
  const total = days.reduce((s, d) => s + d.costUsd, 0);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'day-chart', role: 'img', 'aria-label': `Spend per day over the last ${days.length} days: ${formatUsd(total)} in total, at most ${formatUsd(max)} in a day.` });
  const plotH = H - PAD_BOTTOM - 8;
  const slot = (W - PAD_LEFT) / Math.max(days.length, 1);
  chart.append(svg('line', { x1: PAD_LEFT, y1: 8 + plotH, x2: W, y2: 8 + plotH, class: 'axis' }));
  chart.append(svg('text', { x: PAD_LEFT - 6, y: 14, class: 'tick', 'text-anchor': 'end' }, formatUsd(max)));
  chart.append(svg('text', { x: PAD_LEFT - 6, y: 8 + plotH, class: 'tick', 'text-anchor': 'end' }, '$0'));
  days.forEach((d, i) => {
    const h = max > 0 ? Math.max((d.costUsd / max) * plotH, d.costUsd > 0 ? 1 : 0) : 0;
    const x = PAD_LEFT + i * slot + slot * 0.15;
    const bar = svg('rect', { x: x.toFixed(1), y: (8 + plotH - h).toFixed(1), width: (slot * 0.7).toFixed(1), height: h.toFixed(1), class: `bar${d.day === todayKey ? ' today' : ''}${d.unknownPrice > 0 ? ' has-unknown' : ''}`, 'data-day': d.day });
    const unknown = d.unknownPrice > 0 ? ` + ${d.unknownPrice} with price unknown` : '';
    bar.append(svg('title', {}, `${d.day}: ${formatUsd(d.costUsd)}${unknown} · ${d.requests} request${d.requests === 1 ? '' : 's'}`));
    chart.append(bar);
    const last = i === days.length - 1;
    // Every 7th day back from today; today's label ends at the edge so it is not clipped.
    if ((days.length - 1 - i) % 7 === 0) chart.append(svg('text', { x: (last ? x + slot * 0.7 : x + slot * 0.35).toFixed(1), y: H - 6, class: 'tick', 'text-anchor': last ? 'end' : 'middle' }, d.day.slice(5)));
  });
  return chart;
}
