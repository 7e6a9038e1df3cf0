// Visitors who ordered against those who did not (GET visitors/comparison): a chart of where each group came from
// (share of converted and of non-converted visitors per traffic source) and the table of every dimension.
import { count, days, rate } from './format.js';
import { empty, html, svg, text } from './svg.js';

const NAMES = {
  all: 'All visitors', source: 'Traffic source', device: 'Device', browser: 'Browser', os: 'Operating system',
  pages_viewed: 'Pages viewed', page: 'Page',
};
const PER_DIMENSION = 8;
/** Values shown of a numeric answer scale: every value of NPS (0–10) and of the usual ratings. */
const PER_SCALE = 11;
const NUMBER = /^-?\d+(\.\d+)?$/;
const WIDTH = 380;
const ROW = 22;
const LEFT = 150;

const dimensionName = (dimension) => NAMES[dimension]
  ?? (dimension.startsWith('answer:') ? `Answer: ${dimension.slice(7)}` : dimension);

/** Whether the values of a survey question are all numbers: an answer scale, listed low to high. */
const isScale = (dimension, rows) => dimension.startsWith('answer:') && rows.every((row) => NUMBER.test(row.value));

/**
 * The rows shown of each dimension, dimensions in the API's order: the first eight (by visitors, as the API lists
 * them), or for an answer scale up to eleven of the most answered, in the scale's order (10 after 9, not after 1);
 * with how many values were left out.
 */
export function shownRows(rows) {
  const byDimension = new Map();
  for (const row of rows) {
    if (!byDimension.has(row.dimension)) byDimension.set(row.dimension, []);
    byDimension.get(row.dimension).push(row);
  }
  return [...byDimension.entries()].map(([dimension, values]) => {
    if (!isScale(dimension, values)) {
      return { dimension, rows: values.slice(0, PER_DIMENSION), hidden: Math.max(0, values.length - PER_DIMENSION) };
    }
    const kept = [...values].sort((a, b) => b.visitors - a.visitors).slice(0, PER_SCALE)
      .sort((a, b) => Number(a.value) - Number(b.value) || a.value.localeCompare(b.value));
    return { dimension, rows: kept, hidden: values.length - kept.length };
  });
}

function sourceChart(rows) {
  const sources = rows.filter((row) => row.dimension === 'source').slice(0, PER_DIMENSION);
  if (sources.length === 0) return null;
  const height = sources.length * ROW + 24;
  const scale = (share) => (share ?? 0) * (WIDTH - LEFT - 40);
  const picture = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, width: '100%', role: 'img', 'aria-label': 'Share of converted and non-converted visitors by traffic source' });
  sources.forEach((row, index) => {
    const y = index * ROW + 4;
    picture.append(text(LEFT - 6, y + 13, row.value.length > 24 ? `${row.value.slice(0, 23)}…` : row.value, { 'text-anchor': 'end', 'font-size': 10, fill: '#1b2330' }));
    picture.append(svg('rect', { x: LEFT, y, width: Math.max(0, scale(row.convertedShare)), height: 8, fill: '#1f5fa8', 'data-testid': `visitors-chart-converted-${index}`, 'data-value': row.convertedShare ?? 0 }));
    picture.append(svg('rect', { x: LEFT, y: y + 9, width: Math.max(0, scale(row.notConvertedShare)), height: 8, fill: '#8a96a8', 'data-testid': `visitors-chart-not-converted-${index}`, 'data-value': row.notConvertedShare ?? 0 }));
    picture.append(text(LEFT + Math.max(scale(row.convertedShare), scale(row.notConvertedShare)) + 4, y + 13, rate(row.convertedShare), { 'font-size': 9, fill: '#4a5566' }));
  });
  picture.append(svg('rect', { x: LEFT, y: height - 14, width: 10, height: 8, fill: '#1f5fa8' }));
  picture.append(text(LEFT + 14, height - 6, 'ordered', { 'font-size': 10, fill: '#4a5566' }));
  picture.append(svg('rect', { x: LEFT + 70, y: height - 14, width: 10, height: 8, fill: '#8a96a8' }));
  picture.append(text(LEFT + 84, height - 6, 'did not order', { 'font-size': 10, fill: '#4a5566' }));
  return html('figure', { className: 'histogram', 'data-testid': 'visitors-chart' }, [
    html('figcaption', { text: 'Where visitors came from: share of those who ordered and of those who did not' }), picture,
  ]);
}

/** Draws the chart and the table (the first rows of each dimension), or an empty state without visitors. */
export function renderVisitors(container, rows) {
  if (!rows || rows.length === 0 || rows[0].visitors === 0) {
    container.replaceChildren(empty('No visitors with page or screen views in this range', 'visitors-empty'));
    return;
  }
  const head = html('thead', {}, [html('tr', {}, ['Dimension', 'Value', 'Visitors', 'Ordered', 'Did not order',
    'Conversion', 'Share of ordered', 'Share of not ordered', 'Pages per visitor (ordered)',
    'Pages per visitor (not)'].map((title, index) => html('th', { scope: 'col', className: index < 2 ? 'text' : undefined, text: title })))]);
  const body = html('tbody');
  for (const group of shownRows(rows)) {
    group.rows.forEach((row, index) => body.append(html('tr', { 'data-testid': 'visitors-row', 'data-dimension': row.dimension, 'data-value': row.value }, [
      html('td', { className: 'text', text: index === 0 ? dimensionName(row.dimension) : '' }),
      html('td', { className: 'text' }, [html('span', { className: 'wrap', text: row.value })]),
      html('td', { 'data-testid': 'visitors-visitors', text: count(row.visitors) }),
      html('td', { 'data-testid': 'visitors-converted', text: count(row.converted) }),
      html('td', { 'data-testid': 'visitors-not-converted', text: count(row.notConverted) }),
      html('td', { 'data-testid': 'visitors-conversion-rate', text: rate(row.conversionRate) }),
      html('td', { 'data-testid': 'visitors-converted-share', text: rate(row.convertedShare) }),
      html('td', { 'data-testid': 'visitors-not-converted-share', text: rate(row.notConvertedShare) }),
      html('td', { 'data-testid': 'visitors-converted-pages', text: days(row.convertedPagesPerVisitor) }),
      html('td', { 'data-testid': 'visitors-not-converted-pages', text: days(row.notConvertedPagesPerVisitor) }),
    ])));
    if (group.hidden > 0) {
      body.append(html('tr', { className: 'more', 'data-testid': 'visitors-more', 'data-dimension': group.dimension }, [
        html('td'), html('td', { colspan: 9, text: `${count(group.hidden)} more ${group.hidden === 1 ? 'value' : 'values'} with fewer visitors (all of them in the API's CSV)` }),
      ]));
    }
  }
  const chart = sourceChart(rows);
  container.replaceChildren(...(chart ? [chart] : []), html('div', { className: 'scroll', tabindex: 0, role: 'region', 'aria-label': 'Visitors table, scrolls sideways' }, [
    html('table', { 'aria-label': 'Visitors who ordered against those who did not' }, [head, body])]));
}
