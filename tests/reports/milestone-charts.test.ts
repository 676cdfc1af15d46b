import { describe, expect, it } from 'vitest';
import type { IndicatorStatusView, MilestoneStatusView, ObjectiveStatusView } from '@app/snapshots';
import type { Status } from '@app/status';
import {
  assignLanes,
  decimalYear,
  LABELS,
  LANE_PX,
  milestoneChartState,
  milestoneCountsChartSpec,
  milestoneGanttSpecs,
  targetChartState,
  timelineChartSpec,
  timelineChartSpecs,
} from '@app/presentation';

const AS_OF = '2025-10-10';
const FOCUS_AREAS = [
  { number: 1, title: 'Prévention' },
  { number: 2, title: 'Soins' },
];

let ids = 0;
const milestone = (dueDate: string, state: MilestoneStatusView['state'], status: Status = 'not_started'): MilestoneStatusView => ({
  id: ++ids,
  key: `m${ids}`,
  title: `Jalon ${ids}`,
  lang: 'fr',
  dueDate,
  state,
  completedOn: state === 'done' ? dueDate : null,
  evidence: null,
  status,
  daysLate: null,
  daysUntilDue: 0,
});
const indicator = (targets: { dueDate: string; status: Status }[]): IndicatorStatusView =>
  ({
    id: ++ids,
    name: `Indicateur ${ids}`,
    lang: 'fr',
    unit: 'count',
    status: targets[0]?.status ?? 'no_data',
    stale: false,
    baseline: null,
    latest: null,
    targets: targets.map((t) => ({
      id: ++ids,
      value: 100,
      exclusive: false,
      dueDate: t.dueDate,
      status: t.status,
      latestValue: null,
      expected: null,
      ratio: null,
    })),
  }) as unknown as IndicatorStatusView;
const objective = (code: string, focusArea: number, milestones: MilestoneStatusView[], indicators: IndicatorStatusView[] = []): ObjectiveStatusView => ({
  code,
  title: `Objectif ${code}`,
  lang: 'fr',
  focusArea,
  priority: Number(code.split('-')[0]),
  leadBody: 'DNS',
  contributingBodies: [],
  status: 'not_started',
  indicators,
  milestones,
});

describe("a milestone's state on the charts", () => {
  it.each([
    ['done before its due date', 'done', milestone('2025-12-31', 'done')],
    ['done, due date passed', 'done', milestone('2024-12-31', 'done')],
    ['in progress, not yet due', 'in_progress', milestone('2025-12-31', 'in_progress')],
    ['in progress, due date passed', 'late', milestone('2024-12-31', 'in_progress')],
    ['not started, not yet due', 'not_started', milestone('2026-06-30', 'not_started')],
    ['not started, due date passed', 'late', milestone('2025-06-30', 'not_started')],
    ['not started, due on the as-of date itself', 'not_started', milestone(AS_OF, 'not_started')],
    ['not started, due the day before', 'late', milestone('2025-10-09', 'not_started')],
  ] as const)('%s → %s', (_what, expected, m) => {
    expect(milestoneChartState(m, AS_OF)).toBe(expected);
  });

  it.each([
    ['achieved', 'done'],
    ['missed', 'late'],
    ['no_data', 'not_started'],
    ['on_track', 'in_progress'],
    ['at_risk', 'in_progress'],
    ['deteriorating', 'in_progress'],
  ] as [Status, string][])('a target %s reads %s', (status, expected) => {
    expect(targetChartState({ status })).toBe(expected);
  });
});

describe('milestones per state and focus area', () => {
  const inScope = [
    objective('1-1', 1, [milestone('2024-12-31', 'done'), milestone('2024-12-31', 'not_started'), milestone('2026-12-31', 'not_started')]),
    objective('1-2', 1, [milestone('2025-12-31', 'in_progress'), milestone('2025-03-31', 'in_progress')]),
    objective('2-1', 2, [milestone('2027-12-31', 'not_started'), milestone('2023-12-31', 'done')]),
    objective('2-2', 2, []),
  ];
  const spec = milestoneCountsChartSpec(inScope, FOCUS_AREAS, AS_OF, 'fr');
  const data = spec.data as { labels: string[]; datasets: { state: string; label: string; data: number[] }[] };

  it('counts done, in progress, not started and late (past due, not done) per focus area', () => {
    const counts = Object.fromEntries(data.datasets.map((d) => [d.state, d.data]));
    expect(counts).toEqual({ done: [1, 1], in_progress: [1, 0], not_started: [1, 1], late: [2, 0] });
    expect(data.datasets.map((d) => d.label)).toEqual(['Réalisé', 'En cours', 'Non commencé', 'En retard']);
    expect(data.labels).toEqual(['1. Prévention', '2. Soins']);
  });

  it('comes with the same figures as a table, with a total per focus area', () => {
    expect(spec.table.headers).toEqual(['Axe', 'Réalisé', 'En cours', 'Non commencé', 'En retard', 'Total']);
    expect(spec.table.rows).toEqual([
      ['1. Prévention', '1', '1', '1', '2', '5'],
      ['2. Soins', '1', '0', '1', '0', '2'],
    ]);
  });
});

describe('the per-objective Gantt', () => {
  const inScope = [
    objective('10-1', 2, [milestone('2026-12-31', 'not_started')]),
    objective(
      '2-1',
      1,
      [milestone('2026-06-30', 'done'), milestone('2026-06-30', 'in_progress'), milestone('2027-12-31', 'not_started')],
      [indicator([{ dueDate: '2025-12-31', status: 'on_track' }])],
    ),
    objective('1-1', 1, [milestone('2023-12-31', 'not_started')]),
    objective('1-2', 1, []),
  ];
  const specs = milestoneGanttSpecs(inScope, FOCUS_AREAS, AS_OF, 'fr');
  type Gantt = {
    rows: { label: string; top: number; center: number; height: number }[];
    points: { x: number; y: number; state: string; kind: string }[];
    today: { x: number; label: string };
    height: number;
    xMin: number;
    xMax: number;
  };

  it('has one row per objective with a milestone or target, by code, one chart per focus area', () => {
    expect(specs.map((s) => s.title)).toEqual(['Calendrier des jalons et cibles par objectif · Axe 1', 'Calendrier des jalons et cibles par objectif · Axe 2']);
    const first = specs[0].data as Gantt;
    expect(first.rows.map((r) => r.label)).toEqual(['1-1 · Objectif 1-1', '2-1 · Objectif 2-1']);
    expect((specs[1].data as Gantt).rows.map((r) => r.label)).toEqual(['10-1 · Objectif 10-1']);
  });

  it('places each milestone and target at its due date, in its row, coloured by state', () => {
    const first = specs[0].data as Gantt;
    const row2 = first.rows[1];
    const inRow2 = first.points.filter((p) => p.y > row2.top && p.y < row2.top + row2.height);
    expect(inRow2.map((p) => [p.x, p.kind, p.state])).toEqual([
      [decimalYear('2025-12-31'), 'target', 'in_progress'],
      [decimalYear('2026-06-30'), 'milestone', 'done'],
      [decimalYear('2026-06-30'), 'milestone', 'in_progress'],
      [decimalYear('2027-12-31'), 'milestone', 'not_started'],
    ]);
    // The 2023 milestone of 1-1, never done, is late.
    expect(first.points.find((p) => p.y < row2.top)).toMatchObject({ x: decimalYear('2023-12-31'), state: 'late' });
    // Two milestones due the same day do not sit on each other.
    const [, a, b] = inRow2;
    expect(Math.abs(a.y - b.y) * LANE_PX).toBeGreaterThanOrEqual(10);
  });

  it('draws the as-of ("today") line at its date, labelled with it', () => {
    const first = specs[0].data as Gantt;
    expect(first.today).toEqual({ x: decimalYear(AS_OF), label: 'Situation au 10 octobre 2025' });
    expect(first.today.x).toBeGreaterThan(2025.77);
    expect(first.today.x).toBeLessThan(2025.78);
    expect([first.xMin, first.xMax]).toEqual([2023, 2028]);
  });

  it('lists its items in a table, by objective and date', () => {
    expect(specs[0].table.headers).toEqual(['Objectif', 'Jalon ou cible', 'Type', 'Échéance', 'État']);
    expect(specs[0].table.rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['1-1', '31 décembre 2023', 'En retard'],
      ['2-1', '31 décembre 2025', 'Cible en cours'],
      ['2-1', '30 juin 2026', 'Réalisé'],
      ['2-1', '30 juin 2026', 'En cours'],
      ['2-1', '31 décembre 2027', 'Non commencé'],
    ]);
  });

  it('cuts a focus area with many objectives in parts a page can hold', () => {
    const many = Array.from({ length: 30 }, (_, k) => objective(`1-${k + 1}`, 1, [milestone('2026-12-31', 'not_started')]));
    const parts = milestoneGanttSpecs(many, FOCUS_AREAS, AS_OF, 'fr', 24);
    expect(parts.map((p) => (p.data as Gantt).rows.length)).toEqual([24, 6]);
    expect(parts[1].title).toContain('(suite)');
  });
});

describe('the targets-and-milestones timeline', () => {
  const labels = LABELS.fr;
  const withRows = (n: number, perRow = 1) =>
    Array.from({ length: n }, (_, k) =>
      objective(
        `1-${k + 1}`,
        1,
        Array.from({ length: perRow }, () => milestone('2026-12-31', 'not_started')),
      ),
    );
  type Timeline = { rows: { label: string }[]; points: { x: number; y: number }[]; height: number; xMin: number; xMax: number };
  const data = (spec: { data: unknown }) => spec.data as Timeline;

  it('grows with its rows', () => {
    const heights = [1, 5, 10, 29].map((n) => data(timelineChartSpec(withRows(n), FOCUS_AREAS, 'objective', 'fr', labels)).height);
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    expect(new Set(heights).size).toBe(4);
    // At least 20 px per row: labels never overlap.
    expect(heights[3] - heights[0]).toBeGreaterThanOrEqual(28 * 20);
  });

  it('grows with the marks piled in a row, and spreads marks due close together', () => {
    const one = data(timelineChartSpec(withRows(1, 1), FOCUS_AREAS, 'objective', 'fr', labels));
    const six = data(timelineChartSpec(withRows(1, 6), FOCUS_AREAS, 'objective', 'fr', labels));
    expect(six.height).toBeGreaterThan(one.height + 4 * LANE_PX);
    const ys = six.points.map((p) => p.y).sort((a, b) => a - b);
    for (let k = 1; k < ys.length; k++) expect((ys[k] - ys[k - 1]) * LANE_PX).toBeGreaterThanOrEqual(LANE_PX);
  });

  it('runs from 1 January 2023 to 1 January 2028', () => {
    const t = data(timelineChartSpec(withRows(3), FOCUS_AREAS, 'objective', 'fr', labels));
    expect([t.xMin, t.xMax]).toEqual([2023, 2028]);
  });

  it('labels objective rows with code and title, cut short to fit', () => {
    const long = objective('3-2', 1, [milestone('2026-12-31', 'not_started')]);
    long.title = 'Accès temporaire à Mon espace santé pour les personnes accompagnées par un tiers de confiance';
    const row = data(timelineChartSpec([long], FOCUS_AREAS, 'objective', 'fr', labels)).rows[0].label;
    expect(row.startsWith('3-2 · Accès temporaire')).toBe(true);
    expect(row.endsWith('…')).toBe(true);
    expect(row.length).toBeLessThanOrEqual(44);
  });

  it('is one chart up to 30 objectives, one per focus area beyond', () => {
    expect(timelineChartSpecs(withRows(29), FOCUS_AREAS, 'objective', 'fr', labels)).toHaveLength(1);
    const big = [...withRows(20), ...Array.from({ length: 20 }, (_, k) => objective(`5-${k + 1}`, 2, [milestone('2025-12-31', 'in_progress')]))];
    const specs = timelineChartSpecs(big, FOCUS_AREAS, 'objective', 'fr', labels);
    expect(specs.map((s) => [s.id, data(s).rows.length])).toEqual([
      ['timeline-1', 20],
      ['timeline-2', 20],
    ]);
  });

  it('lists its items by objective code (numerically), then date', () => {
    const inScope = [
      objective('10-1', 2, [milestone('2023-12-31', 'done')]),
      objective('2-1', 1, [milestone('2027-12-31', 'not_started'), milestone('2024-12-31', 'done')]),
    ];
    const spec = timelineChartSpec(inScope, FOCUS_AREAS, 'objective', 'fr', labels);
    expect(spec.table.rows.map((r) => [r[0], r[2]])).toEqual([
      ['2-1', '31 décembre 2024'],
      ['2-1', '31 décembre 2027'],
      ['10-1', '31 décembre 2023'],
    ]);
  });
});

describe('lanes', () => {
  it.each([
    [
      [2024, 2024, 2024],
      [0, 1, 2],
    ],
    [
      [2024, 2025, 2026],
      [0, 0, 0],
    ],
    [
      [2024, 2024.05, 2024.2],
      [0, 1, 0],
    ],
    [
      [2026, 2024, 2024],
      [0, 0, 1],
    ],
  ])('%j → %j', (xs, lanes) => {
    expect(assignLanes(xs)).toEqual(lanes);
  });
});
