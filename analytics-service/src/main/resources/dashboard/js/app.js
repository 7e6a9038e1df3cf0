// The dashboard page: reads the range from the address (?from=&to=) or picks the last year with orders, then loads
// every figure of the range from the API and draws it. Nothing is computed here that the API does not answer.
import { get, optional } from './api.js';
import { reportingToday } from './calendar.js';
import { renderCampaigns, journeysWithVariants } from './campaigns.js';
import { renderClv } from './clv.js';
import { renderCohorts } from './cohorts.js';
import { amount, count, days, rate } from './format.js';
import { renderLifecycleMap } from './lifecycle-map.js';
import { renderSatisfaction } from './satisfaction.js';
import { html } from './svg.js';
import { renderTrends } from './trends.js';
import { renderVisitors } from './visitors.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const iso = (date) => date.toISOString().slice(0, 10);
const addDays = (day, n) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return iso(date);
};
const addMonths = (month, n) => {
  const date = new Date(`${month}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + n);
  return iso(date).slice(0, 7);
};
const endOfMonth = (month) => addDays(`${addMonths(month, 1)}-01`, -1);

const element = (id) => document.getElementById(id);

function status(message, error = false) {
  const line = element('status');
  line.textContent = message;
  line.classList.toggle('error', error);
}

/**
 * The range to open on: the address's, else the year up to the end of the latest month with orders. "Today" is the
 * date in the service's reporting zone (api/calendar), the zone the figures' days are cut in.
 */
async function initialRange() {
  const params = new URLSearchParams(window.location.search);
  const from = params.get('from');
  const to = params.get('to');
  if (DAY.test(from ?? '') && DAY.test(to ?? '') && from <= to) return { from, to };
  const today = reportingToday(await get('calendar'));
  // The latest month with an order: cohorts of ten-year windows, walking back until one has orders (a store's
  // history imported from years ago included). A cohort's months run on to the latest order.
  let latest = null;
  for (let step = 0; step < 5 && latest === null; step += 1) {
    const last = addMonths(today.slice(0, 7), -120 * step);
    const cells = await get('cohorts', { from: addMonths(last, -119), to: last });
    for (const cell of cells ?? []) {
      const month = addMonths(cell.cohort, cell.monthsSince);
      if (cell.customers > 0 && (latest === null || month > latest)) latest = month;
    }
  }
  if (latest === null) return { from: addDays(today, -29), to: today };
  const last = endOfMonth(latest) < today ? endOfMonth(latest) : today;
  return { from: addDays(last, -364), to: last };
}

const TILES = [
  ['revenue', 'Revenue', (s) => amount(s.revenue)],
  ['orders', 'Orders', (s) => count(s.orders)],
  ['aov', 'Average order value', (s) => amount(s.averageOrderValue)],
  ['buyers', 'Buyers', (s) => count(s.buyers)],
  ['revenue-per-customer', 'Revenue per customer', (s) => amount(s.revenuePerCustomer)],
  ['repeat-rate', 'Repeat purchase rate', (s) => rate(s.repeatPurchaseRate)],
  ['days-between', 'Median days between orders', (s) => days(s.medianDaysBetweenPurchases)],
  ['churn-rate', 'Churn rate', (s) => rate(s.churnRate)],
];

function renderSummary(summary, reactivations) {
  const tiles = TILES.map(([key, title, value]) => html('div', { className: 'tile' }, [
    html('dt', { text: title }), html('dd', { 'data-testid': `summary-${key}`, text: value(summary) }),
  ]));
  const reactivated = (reactivations ?? []).reduce((sum, day) => sum + day.reactivations, 0);
  tiles.push(html('div', { className: 'tile' }, [
    html('dt', { text: 'Reactivations' }), html('dd', { 'data-testid': 'summary-reactivations', text: count(reactivated) }),
  ]));
  element('summary').replaceChildren(...tiles);
}

async function comparisons(range, results) {
  const answers = await Promise.all(journeysWithVariants(results).map((journey) =>
    get(`campaigns/${encodeURIComponent(journey)}/ab-tests`, range)));
  return answers.flat();
}

/** A section whose figures could not be read says so in place of its old content. */
function failed(id, error) {
  element(id).replaceChildren(html('p', {
    className: 'empty failed', 'data-testid': `${id}-error`, text: `Could not load these figures: ${error.message}`,
  }));
}

async function load(range) {
  document.body.setAttribute('data-state', 'loading');
  status(`Loading ${range.from} to ${range.to}…`);
  element('range-from').value = range.from;
  element('range-to').value = range.to;
  element('range-label').textContent = `${range.from} to ${range.to}`;
  const months = { from: range.from.slice(0, 7), to: range.to.slice(0, 7) };
  const summary = get('summary', range);
  // Each section is drawn from its own answers, so one failing request blanks that section only, and no section
  // keeps showing the figures of the range picked before.
  const sections = [
    ['summary', [summary, get('reactivations', range)], renderSummary],
    ['lifecycle-map', [get('stages', range), get('flows', range), get('lifecycle-stages', { to: range.to })],
      (stages, flows, list) => renderLifecycleMap(element('lifecycle-map'), stages, flows, list)],
    ['trends', [get('daily', range), summary], (daily, figures) => renderTrends(element('trends'), daily, figures)],
    ['cohorts', [get('cohorts', months)], (cells) => renderCohorts(element('cohorts'), cells)],
    ['clv', [optional('predictions/distribution')], (answer) => renderClv(element('clv'), answer)],
    ['satisfaction', [get('satisfaction', { ...range, interval: 'month' }), get('satisfaction', { ...range, interval: 'all', groupBy: 'stage' })],
      (monthly, byStage) => renderSatisfaction(element('satisfaction'), monthly, byStage)],
    ['visitors', [get('visitors/comparison', range)], (rows) => renderVisitors(element('visitors'), rows)],
    ['campaigns', [get('campaigns', range).then(async (results) => [results, await comparisons(range, results)])],
      ([results, tests]) => renderCampaigns(element('campaigns'), results, tests)],
  ];
  const outcomes = await Promise.all(sections.map(async ([id, answers, render]) => {
    try {
      render(...await Promise.all(answers));
      return null;
    } catch (error) {
      failed(id, error);
      return error;
    }
  }));
  const errors = outcomes.filter((error) => error !== null);
  if (errors.length === 0) {
    status(`Figures for ${range.from} to ${range.to}, read at ${new Date().toLocaleTimeString('en-GB')}`);
    document.body.setAttribute('data-state', 'ready');
  } else {
    status(`Could not load the figures: ${errors[0].message}`, true);
    document.body.setAttribute('data-state', 'error');
  }
}

element('range').addEventListener('submit', (event) => {
  event.preventDefault();
  const range = { from: element('range-from').value, to: element('range-to').value };
  if (!DAY.test(range.from) || !DAY.test(range.to) || range.from > range.to) {
    status('Pick a first day on or before the last day', true);
    return;
  }
  const address = new URL(window.location.href);
  address.searchParams.set('from', range.from);
  address.searchParams.set('to', range.to);
  window.history.replaceState(null, '', address);
  load(range);
});

initialRange().then(load, (error) => {
  status(`Could not load the figures: ${error.message}`, true);
  document.body.setAttribute('data-state', 'error');
});
