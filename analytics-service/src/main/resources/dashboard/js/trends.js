// Trends over the range: revenue, orders, average order value and conversion per day, each a small line chart under
// the figure for the whole range (from /summary).
import { amount, compact, count, NONE, rate } from './format.js';
import { empty, html, svg, text } from './svg.js';

const WIDTH = 320;
const HEIGHT = 130;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

const SERIES = [
  { key: 'revenue', title: 'Revenue', daily: (d) => d.revenue, total: (s) => amount(s.revenue), note: 'in the range', axis: compact },
  { key: 'orders', title: 'Orders', daily: (d) => d.orders, total: (s) => count(s.orders), note: 'in the range', axis: compact },
  { key: 'aov', title: 'Average order value', daily: (d) => d.averageOrderValue, total: (s) => amount(s.averageOrderValue), note: 'over the range', axis: compact },
  {
    key: 'conversion', title: 'Conversion', daily: (d) => d.conversionRate, total: (s) => rate(s.conversionRate),
    note: 'of visitors ordered', axis: rate,
  },
];

function chart(series, days) {
  const points = days
    .map((day, index) => ({ index, day: day.day, value: series.daily(day) }))
    .filter((point) => point.value !== null && point.value !== undefined);
  if (points.length === 0) return empty('No data in this range', `trend-${series.key}-empty`);
  const values = points.map((point) => Number(point.value));
  const max = Math.max(...values) || 1;
  const last = Math.max(1, days.length - 1);
  const x = (index) => PAD.left + (index / last) * (WIDTH - PAD.left - PAD.right);
  const y = (value) => HEIGHT - PAD.bottom - (value / max) * (HEIGHT - PAD.top - PAD.bottom);
  // A day without a figure (no orders: no average order value; no visitors: no conversion) breaks the line rather
  // than being bridged as if it had one.
  const path = points.map((point, i) => `${i === 0 || points[i - 1].index !== point.index - 1 ? 'M' : 'L'}`
    + `${x(point.index).toFixed(1)},${y(Number(point.value)).toFixed(1)}`).join(' ');
  const title = svg('title');
  title.textContent = `${series.title} per day from ${days[0].day} to ${days[days.length - 1].day}, highest ${series.axis(max)}`;
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%', role: 'img', 'aria-label': title.textContent }, [
    title,
    svg('line', { x1: PAD.left, y1: y(0), x2: WIDTH - PAD.right, y2: y(0), stroke: '#8a96a8' }),
    svg('line', { x1: PAD.left, y1: y(max), x2: WIDTH - PAD.right, y2: y(max), stroke: '#d5dbe3', 'stroke-dasharray': '3 3' }),
    text(PAD.left - 4, y(max) + 4, series.axis(max), { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }),
    text(PAD.left - 4, y(0) + 4, '0', { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }),
    text(PAD.left, HEIGHT - 6, days[0].day, { 'font-size': 10, fill: '#4a5566' }),
    text(WIDTH - PAD.right, HEIGHT - 6, days[days.length - 1].day, { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }),
    svg('path', { d: path, fill: 'none', stroke: '#1f5fa8', 'stroke-width': 1.5, 'stroke-linejoin': 'round' }),
    // A point with no neighbour draws no line: such a day (a one-day range, a lone day with a figure) gets a dot.
    ...points.filter((point, i) => points[i - 1]?.index !== point.index - 1 && points[i + 1]?.index !== point.index + 1)
      .map((point) => svg('circle', { cx: x(point.index), cy: y(Number(point.value)), r: 2, fill: '#1f5fa8' })),
  ]);
}

/** Draws the four trends into container from /daily and /summary of the range. */
export function renderTrends(container, days, summary) {
  container.replaceChildren(...SERIES.map((series) => {
    const total = summary ? series.total(summary) : NONE;
    return html('div', { className: 'trend', 'data-testid': `trend-${series.key}` }, [
      html('figure', {}, [
        html('figcaption', {}, [
          `${series.title}: `,
          html('strong', { 'data-testid': `trend-${series.key}-total`, text: total }),
          ` ${series.note}`,
        ]),
        days && days.length > 0 ? chart(series, days) : empty('No data in this range', `trend-${series.key}-empty`),
      ]),
    ]);
  }));
}
