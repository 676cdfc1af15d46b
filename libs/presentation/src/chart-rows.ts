/**
 * Row layout of the timeline charts (targets and milestones placed at their due dates). Marks of one
 * row that fall close together are put on separate lanes, so none hides another; a row is as tall as
 * its lanes, and the chart as tall as its rows. The client script only draws what is computed here.
 */

/** The charts' x axis spans the roadmap: 1 January 2023 to 1 January 2028. */
export const TIMELINE_X_MIN = 2023;
export const TIMELINE_X_MAX = 2028;
/** Two marks closer than this (in years, about five weeks) go on different lanes. */
export const LANE_MIN_GAP = 0.1;
/** Height in CSS pixels of one lane, of the axes and legend around the rows, and of a row's padding (in lanes). */
export const LANE_PX = 13;
export const AXES_PX = 56;
const ROW_PADDING = 0.9;

export interface RowLayout {
  label: string;
  /** Top of the row and its centre, in lanes from the top of the chart. */
  top: number;
  center: number;
  height: number;
}

/** Lane of each mark of one row: the first lane whose last mark is at least minGap before it. */
export function assignLanes(xs: number[], minGap = LANE_MIN_GAP): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const lastX: number[] = [];
  const lanes = new Array<number>(xs.length);
  for (const { x, i } of order) {
    let lane = lastX.findIndex((last) => x - last >= minGap);
    if (lane < 0) lane = lastX.length;
    lastX[lane] = x;
    lanes[i] = lane;
  }
  return lanes;
}

/**
 * Places marks in their rows: returns each row's position, each mark's y (in lanes, growing
 * downwards) and the chart's height in pixels.
 */
export function layoutRows<T extends { row: number; x: number }>(
  rowLabels: string[],
  marks: T[],
): { rows: RowLayout[]; marks: (T & { y: number })[]; yMax: number; height: number } {
  const lanes = new Array<number>(marks.length);
  const lanesPerRow = rowLabels.map((_, row) => {
    const mine = marks.map((m, i) => ({ m, i })).filter(({ m }) => m.row === row);
    const assigned = assignLanes(mine.map(({ m }) => m.x));
    mine.forEach(({ i }, k) => (lanes[i] = assigned[k]));
    return Math.max(1, ...assigned.map((l) => l + 1));
  });
  let top = 0;
  const rows = rowLabels.map((label, row) => {
    const height = lanesPerRow[row] + ROW_PADDING;
    const layout = { label, top, center: top + height / 2, height };
    top += height;
    return layout;
  });
  const placed = marks.map((m, i) => ({ ...m, y: round(rows[m.row].top + ROW_PADDING / 2 + lanes[i] + 0.5) }));
  return {
    rows: rows.map((r) => ({ ...r, top: round(r.top), center: round(r.center), height: round(r.height) })),
    marks: placed,
    yMax: round(top),
    height: Math.round(top * LANE_PX + AXES_PX),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Splits rows into groups of at most max rows, keeping a group's rows together where it can. */
export function chunkRows<T>(groups: T[][], max: number): T[][] {
  const out: T[][] = [];
  for (const group of groups) {
    for (let i = 0; i < group.length; i += max) out.push(group.slice(i, i + max));
  }
  return out.filter((c) => c.length > 0);
}

/** A label that fits beside a row: cut at a word before max characters, with an ellipsis. */
export function shortLabel(text: string, max = 44): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:·–-]+$/, '')}…`;
}
