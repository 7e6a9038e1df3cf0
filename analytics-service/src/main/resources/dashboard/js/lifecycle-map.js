// The lifecycle map: the stages as boxes with their customers at the end of the range, and arrows for the moves
// between them in the range, as thick as their share of the largest; reactivations in their own colour. The stages
// are those the data has (api/lifecycle-stages, in its order): the default model's six in their usual places, or
// a company's own model (the HubSpot preset, say) as a loop of boxes in the model's order.
import { count, stageName } from './format.js';
import { svg, text } from './svg.js';

export const STAGES = ['prospect', 'new_customer', 'active', 'loyal', 'at_risk', 'lapsed'];

const WIDTH = 800;
const HEIGHT = 380;
const BOX = { w: 150, h: 74 };
const DEFAULT_PLACES = {
  prospect: { x: 90, y: 190 },
  new_customer: { x: 280, y: 70 },
  active: { x: 500, y: 70 },
  loyal: { x: 710, y: 70 },
  at_risk: { x: 500, y: 310 },
  lapsed: { x: 280, y: 310 },
};
const COLOURS = { flow: '#51627a', reactivation: '#b34700', box: '#e8f0fa', boxLine: '#1f5fa8' };

/**
 * The stages to draw, in order: those of api/lifecycle-stages (already in the model's order), then any other stage
 * the rows of /stages or /flows name, in the order first met. Only default-model stages (or none): all six.
 */
export function drawnStages(stageList, stageRows, flowRows) {
  const stages = [];
  const add = (stage) => {
    if (stage && !stages.includes(stage)) stages.push(stage);
  };
  [...(stageList ?? [])].sort((a, b) => a.position - b.position).forEach((entry) => add(entry.stage));
  (stageRows ?? []).forEach((row) => add(row.stage));
  (flowRows ?? []).forEach((flow) => {
    add(flow.fromStage);
    add(flow.toStage);
  });
  if (stages.every((stage) => STAGES.includes(stage))) return [...STAGES];
  return stages;
}

/**
 * Where each box goes: the default six in their usual places; any other list as a loop in order, left to right
 * along the top row and back right to left along the bottom one.
 */
export function layout(stages) {
  if (stages.length === STAGES.length && stages.every((stage, i) => stage === STAGES[i])) {
    return { width: WIDTH, height: HEIGHT, box: BOX, places: DEFAULT_PLACES };
  }
  const columns = Math.max(1, Math.ceil(stages.length / 2));
  const step = 250;
  const width = Math.max(WIDTH, columns * step);
  const margin = (width - (columns - 1) * step) / 2;
  const places = {};
  stages.forEach((stage, i) => {
    const top = i < columns;
    const column = top ? i : columns - 1 - (i - columns);
    places[stage] = { x: margin + column * step, y: top ? 70 : 310 };
  });
  return { width, height: HEIGHT, box: { w: 160, h: 74 }, places };
}

/** Customers per stage on the last day of the answer of /stages (a stage without a row has none). */
export function latestCounts(stageRows, stages = STAGES) {
  const latest = new Map();
  for (const row of stageRows ?? []) {
    const seen = latest.get(row.stage);
    if (!seen || row.day > seen.day) latest.set(row.stage, row);
  }
  return Object.fromEntries(stages.map((stage) => [stage, latest.get(stage)?.customers ?? 0]));
}

/** Where the line from a box's centre towards (dx, dy) leaves the box. */
function edge(centre, dx, dy, box) {
  const length = Math.hypot(dx, dy);
  const ux = dx / length;
  const uy = dy / length;
  const t = Math.min(ux === 0 ? Infinity : (box.w / 2 + 6) / Math.abs(ux),
    uy === 0 ? Infinity : (box.h / 2 + 6) / Math.abs(uy));
  return { x: centre.x + ux * t, y: centre.y + uy * t };
}

function arrow(flow, widest, { places, box }) {
  const from = places[flow.fromStage];
  const to = places[flow.toStage];
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  // Each direction keeps to its own side, so A -> B and B -> A do not overlap.
  const ox = (-dy / length) * 9;
  const oy = (dx / length) * 9;
  const start = edge(from, dx, dy, box);
  const end = edge(to, -dx, -dy, box);
  const reactivation = flow.reactivations > 0;
  const colour = reactivation ? COLOURS.reactivation : COLOURS.flow;
  const width = 1.5 + 9 * Math.sqrt(flow.transitions / widest);
  const label = reactivation
    ? `${count(flow.transitions)} (${count(flow.reactivations)} reactivated)`
    : count(flow.transitions);
  // The count sits beside its own line, clear of the stroke.
  const away = 1 + (width / 2 + 9) / 9;
  const mx = (start.x + end.x) / 2 + ox * away;
  const my = (start.y + end.y) / 2 + oy * away;
  const title = svg('title');
  title.textContent = `${stageName(flow.fromStage)} to ${stageName(flow.toStage)}: ${count(flow.transitions)} moves`
    + (reactivation ? `, ${count(flow.reactivations)} of them reactivations` : '');
  return svg('g', { 'data-testid': `flow-${flow.fromStage}-${flow.toStage}`, class: reactivation ? 'reactivation' : 'flow' }, [
    title,
    // An arrowhead of its own, a little wider than the line.
    svg('defs', {}, [marker(`head-${flow.fromStage}-${flow.toStage}`, colour, 8 + width * 1.4)]),
    svg('line', {
      x1: start.x + ox, y1: start.y + oy, x2: end.x + ox, y2: end.y + oy, stroke: colour, 'stroke-width': width,
      'stroke-opacity': 0.75, 'marker-end': `url(#head-${flow.fromStage}-${flow.toStage})`,
    }),
    // Beside a steep line the text runs away from it, so the counts of A -> B and B -> A never overlap.
    text(mx, my + 4, label, {
      'text-anchor': Math.abs(ox) < 4 ? 'middle' : ox > 0 ? 'start' : 'end', 'font-size': 12, fill: reactivation ? COLOURS.reactivation : '#1b2330',
      'font-weight': reactivation ? 700 : 400, stroke: '#fff', 'stroke-width': 4, 'paint-order': 'stroke',
      'data-testid': `flow-count-${flow.fromStage}-${flow.toStage}`,
    }),
  ]);
}

function marker(id, colour, size) {
  return svg('marker', {
    id, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: size, markerHeight: size, markerUnits: 'userSpaceOnUse',
    orient: 'auto-start-reverse',
  }, [svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: colour })]);
}

/** Draws the map into container from /stages, /flows and /lifecycle-stages of the range. */
export function renderLifecycleMap(container, stageRows, flowRows, stageList) {
  const stages = drawnStages(stageList, stageRows, flowRows);
  const plan = layout(stages);
  const { places, box } = plan;
  const counts = latestCounts(stageRows, stages);
  const entered = Object.fromEntries(stages.map((stage) => [stage, 0]));
  const moves = [];
  for (const flow of flowRows ?? []) {
    if (!flow.fromStage) {
      if (flow.toStage in entered) entered[flow.toStage] += flow.transitions;
    } else if (flow.fromStage !== flow.toStage && places[flow.fromStage] && places[flow.toStage]) {
      moves.push(flow);
    }
  }
  const widest = Math.max(1, ...moves.map((flow) => flow.transitions));
  const total = stages.reduce((sum, stage) => sum + counts[stage], 0);
  const description = stages.map((stage) => `${stageName(stage)} ${count(counts[stage])}`).join(', ');
  const title = svg('title');
  title.textContent = `Lifecycle map: ${description}; ${moves.length} kinds of moves between stages`;
  const chart = svg('svg', {
    viewBox: `0 0 ${plan.width} ${plan.height}`, width: '100%', role: 'img', 'aria-label': `Lifecycle map: ${description}`,
    'data-stages': stages.join(' '),
  }, [title]);
  // Thin arrows on top of thick ones, boxes over both.
  [...moves].sort((a, b) => b.transitions - a.transitions).forEach((flow) => chart.append(arrow(flow, widest, plan)));
  for (const stage of stages) {
    const place = places[stage];
    const share = total > 0 ? Math.round((counts[stage] / total) * 100) : 0;
    chart.append(svg('g', { 'data-testid': `stage-${stage}` }, [
      svg('rect', {
        x: place.x - box.w / 2, y: place.y - box.h / 2, width: box.w, height: box.h, rx: 8,
        fill: COLOURS.box, stroke: COLOURS.boxLine, 'stroke-width': 1.5,
      }),
      text(place.x, place.y - 16, stageName(stage), {
        'text-anchor': 'middle', 'font-size': stageName(stage).length > 20 ? 12 : 13, fill: '#1b2330',
        'data-testid': `stage-name-${stage}`,
      }),
      text(place.x, place.y + 9, count(counts[stage]), {
        'text-anchor': 'middle', 'font-size': 22, 'font-weight': 700, fill: '#14304f',
        'data-testid': `stage-count-${stage}`,
      }),
      text(place.x, place.y + 28, `${share}% · +${count(entered[stage])} joined`, {
        'text-anchor': 'middle', 'font-size': 11, fill: '#4a5566', 'data-testid': `stage-entered-${stage}`,
      }),
    ]));
  }
  container.replaceChildren(chart);
}
