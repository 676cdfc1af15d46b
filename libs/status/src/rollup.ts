import { isStatus, Status, STATUS_ORDER, worstStatus } from './status';

export type StatusCounts = Record<Status, number>;

/** Every status with 0, so tables and charts always have all eight columns. */
export function emptyCounts(): StatusCounts {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as StatusCounts;
}

export function countStatuses(statuses: Status[]): StatusCounts {
  const counts = emptyCounts();
  for (const s of statuses) {
    if (!isStatus(s)) throw new Error(`Unknown status ${JSON.stringify(s)}`);
    counts[s]++;
  }
  return counts;
}

/** An objective's status: the worst of its indicators' and milestones' (STATUS_ORDER). */
export function objectiveStatus(parts: Status[]): Status {
  if (parts.length === 0) throw new Error('An objective needs at least one indicator or milestone');
  return worstStatus(parts);
}
