// The distribution of predicted customer lifetime value and P(alive) (GET predictions/distribution, the service's
// Distribution: { modelVersion, customers, lifetimeValue: [Bin], probabilityAlive: [Bin] } with
// Bin = { lower, upper, customers }): one histogram for each, or a plain "no predictions yet" while the service has
// none (404 or no customers).
import { compact, count } from './format.js';
import { empty, html, svg, text } from './svg.js';

const WIDTH = 380;
const HEIGHT = 170;
const PAD = { left: 44, right: 8, top: 10, bottom: 34 };

const HISTOGRAMS = [
  { field: 'lifetimeValue', key: 'lifetime-value', title: 'Predicted lifetime value', probability: false },
  { field: 'probabilityAlive', key: 'probability-alive', title: 'P(alive)', probability: true },
];

/** The histograms of a Distribution answer, in the page's order; none for null or a list-less answer. */
export function histograms(answer) {
  if (!answer) return [];
  return HISTOGRAMS.filter((h) => Array.isArray(answer[h.field])).map((h) => ({ ...h, bins: answer[h.field] }));
}

function label(value, probability) {
  if (!Number.isFinite(value)) return '';
  return probability ? value.toFixed(1) : compact(value);
}

function histogram(entry) {
  const { probability } = entry;
  const max = Math.max(1, ...entry.bins.map((bin) => bin.customers));
  const step = (WIDTH - PAD.left - PAD.right) / entry.bins.length;
  const height = HEIGHT - PAD.top - PAD.bottom;
  const description = `${entry.title}: ${count(entry.bins.reduce((sum, bin) => sum + bin.customers, 0))} customers in ${entry.bins.length} bins`;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%', role: 'img', 'aria-label': description }, [
    text(PAD.left - 4, PAD.top + 8, count(max), { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }),
    text(PAD.left - 4, HEIGHT - PAD.bottom, '0', { 'text-anchor': 'end', 'font-size': 10, fill: '#4a5566' }),
    svg('line', { x1: PAD.left, y1: HEIGHT - PAD.bottom, x2: WIDTH - PAD.right, y2: HEIGHT - PAD.bottom, stroke: '#8a96a8' }),
  ]);
  entry.bins.forEach((bin, index) => {
    const h = (bin.customers / max) * height;
    const x = PAD.left + index * step;
    const tip = svg('title');
    tip.textContent = `${label(bin.lower, probability)} to ${label(bin.upper, probability)}: ${count(bin.customers)} customers`;
    chart.append(svg('rect', {
      x: x + 1, y: HEIGHT - PAD.bottom - h, width: Math.max(1, step - 2), height: h, fill: '#1f5fa8',
      'data-testid': `clv-${entry.key}-bin-${index}`, 'data-customers': bin.customers,
    }, [tip]));
    if (entry.bins.length <= 12 || index % Math.ceil(entry.bins.length / 8) === 0) {
      chart.append(text(x + step / 2, HEIGHT - PAD.bottom + 13, label(bin.lower, probability), {
        'text-anchor': 'middle', 'font-size': 10, fill: '#4a5566',
      }));
    }
  });
  chart.append(text((WIDTH + PAD.left) / 2, HEIGHT - 4, probability ? 'probability the customer is still active' : 'predicted lifetime value',
    { 'text-anchor': 'middle', 'font-size': 10, fill: '#4a5566' }));
  return html('figure', { className: 'histogram', 'data-testid': `clv-histogram-${entry.key}` }, [
    html('figcaption', { text: description }), chart,
  ]);
}

/** Draws the histograms into container, or the "no predictions yet" state for null (404) or an empty answer. */
export function renderClv(container, answer) {
  const found = answer && answer.customers > 0
    ? histograms(answer).filter((entry) => entry.bins.some((bin) => bin.customers > 0)) : [];
  if (found.length === 0) {
    container.replaceChildren(empty('No predictions yet: the lifetime value model has not been fitted on this store\'s orders.', 'clv-empty'));
    return;
  }
  container.replaceChildren(html('div', { className: 'trends' }, found.map(histogram)));
}
