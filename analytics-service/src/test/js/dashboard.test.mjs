// The dashboard's stage ordering, labelling, box layout and reporting-zone "today", run with `node --test`
// (DashboardScriptsTest runs it in the build). Only the functions that do not touch the DOM are called.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { dateIn, reportingToday } from '../../main/resources/dashboard/js/calendar.js';
import { stageName } from '../../main/resources/dashboard/js/format.js';
import { drawnStages, latestCounts, layout, STAGES } from '../../main/resources/dashboard/js/lifecycle-map.js';

const HUBSPOT = ['subscriber', 'lead', 'marketing_qualified_lead', 'sales_qualified_lead', 'opportunity', 'customer',
  'evangelist'];

test('the HubSpot stages are drawn in the order of api/lifecycle-stages with readable names', () => {
  // The API's list, out of array order but with its positions.
  const list = HUBSPOT.map((stage, position) => ({ stage, label: stage, position })).reverse();
  const rows = [{ day: '2033-03-02', stage: 'customer', customers: 1 }, { day: '2033-03-02', stage: 'lead', customers: 2 }];
  const stages = drawnStages(list, rows, [{ fromStage: 'lead', toStage: 'customer', transitions: 1, reactivations: 0 }]);
  assert.deepEqual(stages, HUBSPOT);
  assert.deepEqual(stages.map(stageName), ['Subscriber', 'Lead', 'Marketing qualified lead', 'Sales qualified lead',
    'Opportunity', 'Customer', 'Evangelist']);
  assert.deepEqual(latestCounts(rows, stages), {
    subscriber: 0, lead: 2, marketing_qualified_lead: 0, sales_qualified_lead: 0, opportunity: 0, customer: 1,
    evangelist: 0,
  });
});

test('a stage only the rows name is drawn after the listed ones, in the order first met', () => {
  const list = [{ stage: 'trial', position: 0 }, { stage: 'paying', position: 1 }];
  const stages = drawnStages(list, [{ day: '2033-01-01', stage: 'churned_user', customers: 1 }],
    [{ fromStage: null, toStage: 'winback_target', transitions: 1 }]);
  assert.deepEqual(stages, ['trial', 'paying', 'churned_user', 'winback_target']);
  assert.equal(stageName('winback_target'), 'Winback target');
  assert.equal(stageName('at_risk'), 'At risk');
});

test('default-model stages only, or none at all, still draw the six in their usual places', () => {
  assert.deepEqual(drawnStages([], [], []), STAGES);
  assert.deepEqual(drawnStages([{ stage: 'loyal', position: 0 }], [], []), STAGES);
  const plan = layout(STAGES);
  assert.deepEqual(plan.places.prospect, { x: 90, y: 190 });
  assert.deepEqual(plan.places.lapsed, { x: 280, y: 310 });
});

test('any other model is a loop of boxes in order that do not overlap', () => {
  const plan = layout(HUBSPOT);
  const places = HUBSPOT.map((stage) => plan.places[stage]);
  // Top row left to right, then the bottom row right to left.
  assert.deepEqual(places.map((p) => p.y), [70, 70, 70, 70, 310, 310, 310]);
  assert.ok(places[0].x < places[1].x && places[1].x < places[2].x && places[2].x < places[3].x);
  assert.ok(places[4].x > places[5].x && places[5].x > places[6].x);
  for (let i = 0; i < places.length; i += 1) {
    for (let j = i + 1; j < places.length; j += 1) {
      const apart = Math.abs(places[i].x - places[j].x) >= plan.box.w || Math.abs(places[i].y - places[j].y) >= plan.box.h;
      assert.ok(apart, `${HUBSPOT[i]} and ${HUBSPOT[j]} overlap`);
    }
    assert.ok(places[i].x - plan.box.w / 2 >= 0 && places[i].x + plan.box.w / 2 <= plan.width, `${HUBSPOT[i]} fits`);
  }
  // Fourteen stages widen the map instead of squeezing the boxes.
  const wide = layout([...STAGES, 'visitor', ...HUBSPOT]);
  assert.ok(wide.width >= 7 * 200);
});

test('today is the date in the service zone, not the browser UTC date', () => {
  // 23:30 UTC on 31 December is already 1 January in Berlin and still 31 December in New York.
  const moment = new Date('2031-12-31T23:30:00Z');
  assert.equal(dateIn('Europe/Berlin', moment), '2032-01-01');
  assert.equal(dateIn('America/New_York', moment), '2031-12-31');
  assert.equal(reportingToday({ zone: 'Pacific/Kiritimati', today: '2032-01-01' }, new Date('2031-12-31T10:30:00Z')),
    '2032-01-01');
  assert.equal(reportingToday({ zone: 'UTC', today: '2031-12-31' }, moment), '2031-12-31');
  // A zone the browser does not know: the service's own today.
  assert.equal(reportingToday({ zone: 'Not/AZone', today: '2032-01-01' }, moment), '2032-01-01');
  assert.equal(reportingToday(null, moment), '2031-12-31');
});
