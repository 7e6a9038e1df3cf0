// Days as the service counts them: "today" is the date in the service's reporting zone (api/calendar), not the
// browser's, so the default range ends on the same day as the figures' days.

/** The date (yyyy-MM-dd) of moment in zone; null when the browser does not know the zone. */
export function dateIn(zone, moment = new Date()) {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    }).formatToParts(moment);
    const part = (type) => parts.find((p) => p.type === type)?.value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    return null;
  }
}

/**
 * Today in the service's zone from its answer to api/calendar ({ zone, today }): computed in that zone now (so a
 * page left open past midnight moves on), else the service's today, else the browser's UTC date.
 */
export function reportingToday(calendar, moment = new Date()) {
  return (calendar?.zone ? dateIn(calendar.zone, moment) : null) ?? calendar?.today
    ?? moment.toISOString().slice(0, 10);
}
