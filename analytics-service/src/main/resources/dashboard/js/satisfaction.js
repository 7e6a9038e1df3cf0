// Net Promoter Score and CSAT: per month of the range as two bar charts (GET satisfaction?interval=month), and per
// stage the customers were in when they answered as a table (GET satisfaction?interval=all&groupBy=stage).
import { count, stageName } from './format.js';
import { empty, html, svg, text } from './svg.js';

const WIDTH = 380;
const HEIGHT = 170;
const PAD = { left: 36, right: 8, top: 12, bottom: 30 };

/** A score as the page writes it: NPS as a signed whole-ish number (+23.5), CSAT as a percentage (81.2%). */
export const npsText = (value) => (value === null || value === undefined ? '—'
  : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);
export const csatText = (value) => (value === null || value === undefined ? '—' : `${value.toFixed(1)}%`);

function chart(rows, field, title, min, format, testId) {
  const step = (WIDTH - PAD.left - PAD.right) / Math.max(1, rows.length);
  const height = HEIGHT - PAD.top - PAD.bottom;
  const y = (value) => PAD.top + ((100 - value) / (100 - min)) * height;
  const zero = y(Math.max(0, min));
  const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%', role: 'img', 'aria-label': `${title} per month` }, [
    text(PAD.left - 4, PAD.top + 4, '100', { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }),
    text(PAD.left - 4, zero + 4, '0', { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }),
    svg('line', { x1: PAD.left, y1: zero, x2: WIDTH - PAD.right, y2: zero, stroke: '#8a96a8' }),
  ]);
  if (min < 0) picture.append(text(PAD.left - 4, y(min), String(min), { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }));
  rows.forEach((row, index) => {
    const value = row[field];
    const x = PAD.left + index * step;
    if (value !== null && value !== undefined) {
      const top = Math.min(y(value), zero);
      const tip = svg('title');
      tip.textContent = `${row.period}: ${format(value)}`;
      picture.append(svg('rect', {
        x: x + 2, y: top, width: Math.max(1, step - 4), height: Math.max(1, Math.abs(zero - y(value))),
        fill: value < 0 ? '#b34700' : '#1f5fa8', 'data-testid': `${testId}-${row.period}`, 'data-value': value,
      }, [tip]));
    }
    // At most six month labels, so that they never run into each other.
    if (index % Math.ceil(rows.length / 6) === 0) {
      picture.append(text(x + step / 2, HEIGHT - PAD.bottom + 13, row.period, { 'text-anchor': 'middle', 'font-size': 9, fill: '#4a5566' }));
    }
  });
  return html('figure', { className: 'histogram' }, [html('figcaption', { text: title }), picture]);
}

/** Draws the monthly charts and the by-stage table, or an empty state without answers in the range. */
export function renderSatisfaction(container, monthly, byStage) {
  if (!monthly || monthly.length === 0) {
    container.replaceChildren(empty('No NPS or satisfaction answers in this range', 'satisfaction-empty'));
    return;
  }
  const charts = html('div', { className: 'trends' }, [
    chart(monthly, 'nps', 'Net Promoter Score (% promoters − % detractors)', -100, npsText, 'nps-month'),
    chart(monthly, 'csat', 'CSAT (% satisfied)', 0, csatText, 'csat-month'),
  ]);
  const head = html('thead', {}, [html('tr', {}, ['Stage when answering', 'NPS answers', 'Promoters', 'Passives',
    'Detractors', 'NPS', 'Ratings', 'Satisfied', 'CSAT'].map((title, index) => html('th', { scope: 'col', className: index === 0 ? 'text' : undefined, text: title })))]);
  const body = html('tbody');
  for (const row of byStage ?? []) {
    body.append(html('tr', { 'data-testid': 'satisfaction-stage-row', 'data-stage': row.stage }, [
      html('td', { className: 'text', text: row.stage === '(none)' ? 'Before any stage' : stageName(row.stage) }),
      html('td', { 'data-testid': 'satisfaction-nps-responses', text: count(row.npsResponses) }),
      html('td', { 'data-testid': 'satisfaction-promoters', text: count(row.promoters) }),
      html('td', { 'data-testid': 'satisfaction-passives', text: count(row.passives) }),
      html('td', { 'data-testid': 'satisfaction-detractors', text: count(row.detractors) }),
      html('td', { 'data-testid': 'satisfaction-nps', text: npsText(row.nps) }),
      html('td', { 'data-testid': 'satisfaction-csat-responses', text: count(row.csatResponses) }),
      html('td', { 'data-testid': 'satisfaction-satisfied', text: count(row.satisfied) }),
      html('td', { 'data-testid': 'satisfaction-csat', text: csatText(row.csat) }),
    ]));
  }
  container.replaceChildren(charts, html('div', { className: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'NPS and CSAT by stage, scrolls sideways' }, [
    html('table', { 'aria-label': 'NPS and CSAT by stage' }, [head, body])]));
}
