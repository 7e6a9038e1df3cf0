// Number formats of the page: thousands separators, money to the cent, rates as percentages. One locale so that
// what a marketer reads is the same on every machine.
const LOCALE = 'en-GB';
const whole = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pValue = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 3, maximumFractionDigits: 3 });

export const NONE = '—';

// Null, NaN and ±Infinity are all shown as a dash: never "NaN" or "∞" in front of a marketer.
const missing = (value) => value === null || value === undefined || value === '' || !Number.isFinite(Number(value));

export const count = (value) => (missing(value) ? NONE : whole.format(Number(value)));
export const amount = (value) => (missing(value) ? NONE : money.format(Number(value)));
export const rate = (value) => (missing(value) ? NONE : `${percent.format(Number(value) * 100)}%`);
export const days = (value) => (missing(value) ? NONE : decimal.format(Number(value)));
export const probability = (value) => {
  if (missing(value)) return NONE;
  const p = Number(value);
  return p < 0.001 ? '< 0.001' : pValue.format(p);
};

/** A compact axis label: 12.3k, 4.5M. */
export const compact = (value) => (missing(value) ? NONE
  : new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 }).format(Number(value)));

const STAGE_NAMES = {
  prospect: 'Prospect', new_customer: 'New customer', active: 'Active', loyal: 'Loyal', at_risk: 'At risk',
  lapsed: 'Lapsed',
};

/** A stage key as words: the default model's names, else marketing_qualified_lead → "Marketing qualified lead". */
export const stageName = (stage) => {
  if (STAGE_NAMES[stage]) return STAGE_NAMES[stage];
  const words = String(stage ?? '').replace(/[_\-\s]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : String(stage ?? '');
};
