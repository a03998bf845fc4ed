import { formatUsd } from '../../protocol/format-usd';
import { ReportBudget, ReportData, ReportGroup, ReportTotals, ScopeReport, ToReport, parseToReport } from '../../protocol/report-messages';
import { el } from '../dom';
import { dayChart } from './day-chart';
import { post } from './report-api';

const started = performance.now();
let data: ReportData | undefined;
let global: ScopeReport | 'loading' | { failed: string } = 'loading';
let scope: 'workspace' | 'global' = 'workspace';
let rendered = false;
/** Set while a saved snapshot is shown and the live ledger is being read. */
let asOf: number | undefined;

function requests(n: number): string {
  return `${n} request${n === 1 ? '' : 's'}`;
}

function money(t: ReportTotals): string {
  return `${formatUsd(t.costUsd)}${t.unknownPrice > 0 ? ` + ${t.unknownPrice} price unknown` : ''}`;
}

function button(label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function card(label: string, value: string, note?: string): HTMLElement {
  const c = el('div', 'card');
  c.append(el('div', 'card-label', label), el('div', 'card-value', value));
  if (note) c.append(el('div', 'card-note', note));
  return c;
}

function share(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '—';
}

function breakdown(title: string, id: string, groups: readonly ReportGroup[]): HTMLElement {
  const section = el('section', 'breakdown');
  section.id = id;
  section.append(el('h3', undefined, title));
  if (groups.length === 0) {
    section.append(el('p', 'muted', 'No requests this month.'));
    return section;
  }
  const max = Math.max(...groups.map((g) => g.costUsd), 0);
  const table = el('table');
  const head = el('tr');
  for (const h of ['', 'Cost', 'Requests', 'Tokens', '']) head.append(el('th', undefined, h));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const g of groups) {
    const row = el('tr');
    row.dataset.key = g.key;
    const bar = el('meter');
    bar.min = 0;
    bar.max = max > 0 ? max : 1;
    bar.value = g.costUsd;
    bar.setAttribute('aria-label', `${g.key}: ${share(g.costUsd, max)} of the largest`);
    row.append(el('td', 'key', g.key), el('td', 'num', money(g)), el('td', 'num', String(g.requests)), el('td', 'num', String(g.tokens)));
    const cell = el('td', 'bar-cell');
    cell.append(bar);
    row.append(cell);
    table.tBodies[0]?.append(row);
  }
  section.append(table);
  return section;
}

function budgetsSection(budgets: readonly ReportBudget[]): HTMLElement | undefined {
  if (budgets.length === 0) return undefined;
  const section = el('section', 'budgets');
  section.append(el('h3', undefined, 'Budgets'));
  for (const b of budgets) {
    const row = el('div', 'budget');
    const spent = b.spentUsd;
    const state = spent === undefined ? 'loading' : spent >= b.limitUsd ? 'over' : spent >= 0.8 * b.limitUsd ? 'near' : 'ok';
    row.dataset.state = state;
    const m = el('meter');
    m.min = 0;
    m.max = b.limitUsd;
    m.low = 0.8 * b.limitUsd;
    m.high = b.limitUsd;
    m.optimum = 0;
    m.value = spent ?? 0;
    const label = `${b.scope === 'workspace' ? 'This workspace' : 'All workspaces'}, ${b.period}: ${spent === undefined ? '…' : formatUsd(spent)} of ${formatUsd(b.limitUsd)} (then ${b.action})`;
    row.append(el('span', undefined, label), m, el('span', `state state-${state}`, state === 'over' ? 'over budget' : state === 'near' ? 'near the limit' : state === 'ok' ? 'within budget' : 'loading'));
    section.append(row);
  }
  return section;
}

function scopeView(s: ScopeReport, d: ReportData): HTMLElement {
  const main = el('div', 'scope');
  const cards = el('div', 'cards');
  const m = s.month;
  cards.append(
    card(`Today (${d.dayKey})`, money(s.today), requests(s.today.requests)),
    card(`This month (${d.monthKey})`, money(m), `${requests(m.requests)} · ${m.tokens} tokens`),
    card('Saved this month', formatUsd(m.savedUsd), `by ${m.cacheHits} cache hit${m.cacheHits === 1 ? '' : 's'} and budget downgrades`),
    card('Estimated costs', share(m.estimated, m.requests), `${m.estimated} of ${m.requests} requests had usage estimated (no usage from the provider)`),
  );
  main.append(cards);
  if (m.unknownPrice > 0) {
    const note = el('p', 'unknown-note', `${m.unknownPrice} request(s) this month have no known price and are not in these totals. `);
    note.append(button('Set a price for the deployment…', () => post({ type: 'command', command: 'price-settings' }), 'link'));
    main.append(note);
  }
  const chart = el('section', 'chart');
  chart.id = 'chart';
  chart.append(el('h3', undefined, `Spend per day, last ${s.days.length} days`), dayChart(s.days, d.dayKey));
  main.append(chart);
  const grid = el('div', 'grid');
  grid.append(breakdown('By origin', 'by-origin', s.byOrigin), breakdown('By model', 'by-model', s.byModel), breakdown('By alias', 'by-alias', s.byAlias), breakdown('By deployment', 'by-deployment', s.byDeployment));
  main.append(grid);
  return main;
}

function render(): void {
  const root = document.getElementById('report');
  if (!root || !data) return;
  const tabs = el('div', 'tabs');
  tabs.setAttribute('role', 'tablist');
  for (const [key, label] of [['workspace', 'This workspace'], ['global', 'All workspaces']] as const) {
    const t = button(label, () => {
      scope = key;
      render();
    }, `tab${scope === key ? ' selected' : ''}`);
    t.setAttribute('role', 'tab');
    t.setAttribute('aria-selected', String(scope === key));
    tabs.append(t);
  }
  const actions = el('div', 'actions');
  actions.append(
    button('Export CSV…', () => post({ type: 'command', command: 'export-csv' })),
    button('Export JSON…', () => post({ type: 'command', command: 'export-json' })),
    button('Refresh', () => post({ type: 'command', command: 'refresh' }), 'secondary'),
  );
  const header = el('header');
  header.append(tabs, actions);
  const parts: HTMLElement[] = [header];
  if (asOf !== undefined) parts.push(el('p', 'stale', `Figures as of ${new Date(asOf).toLocaleString()}; reading the ledger for newer requests…`));
  if (scope === 'workspace') parts.push(scopeView(data.workspace, data));
  else if (global === 'loading') parts.push(el('p', 'muted', 'Reading every workspace\'s ledger…'));
  else if ('failed' in global) parts.push(el('p', 'error', `Could not read the other workspaces' ledgers: ${global.failed}`));
  else parts.push(scopeView(global, data));
  const budgets = budgetsSection(data.budgets);
  if (budgets) parts.push(budgets);
  root.replaceChildren(...parts);
  if (!rendered) {
    rendered = true;
    post({ type: 'rendered', ms: Math.round(performance.now() - started) });
  }
}

function onMessage(msg: ToReport): void {
  switch (msg.type) {
    case 'report':
      data = msg.data;
      asOf = msg.asOf;
      break;
    case 'global':
      global = msg.scope;
      if (data) {
        const g = msg.scope;
        data = { ...data, budgets: data.budgets.map((b) => (b.scope === 'global' ? { ...b, spentUsd: b.period === 'daily' ? g.today.costUsd : g.month.costUsd } : b)) };
      }
      break;
    case 'globalFailed':
      global = { failed: msg.message };
      break;
    default: {
      const never: never = msg;
      return never;
    }
  }
  render();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseToReport(event.data);
  if (msg) onMessage(msg);
});
post({ type: 'ready' });
