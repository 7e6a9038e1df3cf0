// Campaign results per journey, step and variant with the A/B p-value of each variant against its reference.
import { amount, count, probability, rate } from './format.js';
import { empty, html } from './svg.js';

const COLUMNS = [
  ['Sent', 'sent', (r) => count(r.sent)],
  ['Opened', 'opened', (r) => count(r.opened)],
  ['Clicked', 'clicked', (r) => count(r.clicked)],
  ['Converted', 'converted', (r) => count(r.converted)],
  ['Open rate', 'open-rate', (r) => rate(r.openRate)],
  ['Click rate', 'click-rate', (r) => rate(r.clickRate)],
  ['Conversion rate', 'conversion-rate', (r) => rate(r.conversionRate)],
  ['Revenue', 'revenue', (r) => amount(r.attributedRevenue)],
];

/** Journeys with a step sent in more than one variant: those the A/B comparison is asked for. */
export function journeysWithVariants(results) {
  const variants = new Map();
  for (const row of results ?? []) {
    const key = `${row.journeyId}\u0000${row.stepId}`;
    if (!variants.has(key)) variants.set(key, new Set());
    variants.get(key).add(row.variant ?? '');
  }
  return [...new Set([...variants.entries()].filter(([, set]) => set.size > 1).map(([key]) => key.split('\u0000')[0]))];
}

/** Draws the table into container from /campaigns and the /ab-tests answers of journeysWithVariants. */
export function renderCampaigns(container, results, comparisons) {
  if (!results || results.length === 0) {
    container.replaceChildren(empty('No campaign messages were sent in this range', 'campaigns-empty'));
    return;
  }
  const byVariant = new Map();
  const references = new Set();
  for (const comparison of comparisons ?? []) {
    byVariant.set(`${comparison.journeyId}\u0000${comparison.stepId}\u0000${comparison.variant}`, comparison);
    references.add(`${comparison.journeyId}\u0000${comparison.stepId}\u0000${comparison.reference}`);
  }
  const head = html('thead', {}, [html('tr', {}, [
    html('th', { scope: 'col', className: 'text', text: 'Journey' }), html('th', { scope: 'col', className: 'text', text: 'Step' }),
    html('th', { scope: 'col', className: 'text', text: 'Variant' }),
    ...COLUMNS.map(([title]) => html('th', { scope: 'col', text: title })),
    html('th', { scope: 'col', text: 'A/B p-value (conversion)' }),
  ])]);
  const body = html('tbody');
  // Numbers inside ids compare as numbers: step-2 before step-10.
  const byName = (a, b) => (a ?? '').localeCompare(b ?? '', 'en', { numeric: true });
  const rows = [...results].sort((a, b) => byName(a.journeyId, b.journeyId) || byName(a.stepId, b.stepId)
    || byName(a.variant, b.variant));
  for (const row of rows) {
    const key = `${row.journeyId}\u0000${row.stepId}\u0000${row.variant}`;
    const comparison = byVariant.get(key);
    let ab = '';
    if (comparison) ab = `${probability(comparison.pValue)}${comparison.significant ? ' (significant)' : ''}`;
    else if (references.has(key)) ab = 'reference';
    body.append(html('tr', {
      'data-testid': 'campaign-row', 'data-journey': row.journeyId, 'data-step': row.stepId, 'data-variant': row.variant ?? '',
    }, [
      html('td', { className: 'text' }, [html('span', { className: 'wrap', text: row.journeyId })]),
      html('td', { className: 'text' }, [html('span', { className: 'wrap', text: row.stepId })]),
      html('td', { className: 'text' }, [html('span', { className: 'wrap', text: row.variant || '—' })]),
      ...COLUMNS.map(([, id, value]) => html('td', { 'data-testid': `campaign-${id}`, text: value(row) })),
      html('td', { 'data-testid': 'campaign-p-value', className: comparison?.significant ? 'significant' : undefined, text: ab }),
    ]));
  }
  container.replaceChildren(html('table', { 'aria-label': 'Campaign results' }, [head, body]));
}
