// The cohort heatmap: one row per month of first order, one column per month since, retention in each cell.
import { amount, count, rate } from './format.js';
import { empty, html } from './svg.js';

/** Cell colour for a retention in [0, 1]: white to dark blue, with text that stays readable on it. */
function shade(retention) {
  const r = Math.max(0, Math.min(1, retention));
  const level = Math.sqrt(r);
  const mix = (from, to) => Math.round(from + (to - from) * level);
  return {
    background: `rgb(${mix(255, 20)}, ${mix(255, 72)}, ${mix(255, 130)})`,
    text: level > 0.5 ? '#ffffff' : '#1b2330',
  };
}

/** Draws the heatmap into container from /cohorts. */
export function renderCohorts(container, cells) {
  if (!cells || cells.length === 0) {
    container.replaceChildren(empty('No orders in these months', 'cohorts-empty'));
    return;
  }
  const cohorts = new Map();
  let widest = 0;
  for (const cell of cells) {
    if (!cohorts.has(cell.cohort)) cohorts.set(cell.cohort, new Map());
    cohorts.get(cell.cohort).set(cell.monthsSince, cell);
    widest = Math.max(widest, cell.monthsSince);
  }
  const months = Array.from({ length: widest + 1 }, (_, index) => index);
  const head = html('thead', {}, [html('tr', {}, [
    html('th', { scope: 'col', text: 'Cohort' }),
    html('th', { scope: 'col', text: 'Customers' }),
    ...months.map((month) => html('th', { scope: 'col', text: `+${month}` })),
  ])]);
  const body = html('tbody');
  for (const cohort of [...cohorts.keys()].sort()) {
    const row = cohorts.get(cohort);
    const size = [...row.values()][0].cohortSize;
    const tr = html('tr', { 'data-testid': `cohort-row-${cohort}` }, [
      html('th', { scope: 'row', text: cohort }),
      html('td', { 'data-testid': `cohort-size-${cohort}`, text: count(size) }),
    ]);
    for (const month of months) {
      const cell = row.get(month);
      if (!cell) {
        tr.append(html('td', { 'aria-label': 'no data' }));
        continue;
      }
      const colour = shade(cell.retention);
      const td = html('td', {
        'data-testid': `cohort-${cohort}-${month}`,
        title: `${cohort}, month +${month}: ${count(cell.customers)} of ${count(cell.cohortSize)} customers ordered `
          + `(${rate(cell.retention)}), revenue ${amount(cell.revenue)}, lifetime value ${amount(cell.lifetimeValue)}`,
        text: rate(cell.retention),
      });
      td.style.backgroundColor = colour.background;
      td.style.color = colour.text;
      tr.append(td);
    }
    body.append(tr);
  }
  container.replaceChildren(html('table', { className: 'heat', 'aria-label': 'Retention by cohort and months since first order' }, [
    head, body,
  ]));
}
