export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'deteriorating' | 'missed' | 'no_data' | 'insufficient_data' | 'not_started';

/**
 * Worst first: an objective takes the worst status of its indicators and milestones. no_data,
 * insufficient_data (a value but no trend yet) and not_started rank worse than on_track so that a
 * gap in reporting is never hidden by good news.
 */
export const STATUS_ORDER: readonly Status[] = [
  'missed',
  'deteriorating',
  'off_track',
  'at_risk',
  'no_data',
  'insufficient_data',
  'not_started',
  'on_track',
  'achieved',
];

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUS_ORDER as readonly string[]).includes(value);
}

function rank(s: Status): number {
  const i = STATUS_ORDER.indexOf(s);
  // Statuses may come back from the database as plain strings: an unknown one is a bug, not "worst".
  if (i < 0) throw new Error(`Unknown status ${JSON.stringify(s)}; expected one of ${STATUS_ORDER.join(', ')}`);
  return i;
}

/** The worst of `statuses` by STATUS_ORDER; throws on an empty list (there is nothing to judge). */
export function worstStatus(statuses: Status[]): Status {
  if (statuses.length === 0) throw new Error('worstStatus needs at least one status');
  return statuses.reduce((worst, s) => (rank(s) < rank(worst) ? s : worst));
}

/**
 * Progress-ratio thresholds of Statistics Canada's Open SDG progress method: r ≥ onTrack is on
 * track, atRisk ≤ r < onTrack needs acceleration, 0 ≤ r < atRisk is limited progress.
 */
export interface Thresholds {
  onTrack: number;
  atRisk: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({ onTrack: 0.95, atRisk: 0.6 });

/**
 * 0 < atRisk < onTrack ≤ 1. atRisk > 0 keeps "no progress" (r = 0) off_track rather than at_risk;
 * onTrack ≤ 1 keeps a value exactly on its trajectory (r = 1) on_track.
 */
export function validateThresholds(t: Thresholds): void {
  const ok = t != null && Number.isFinite(t.onTrack) && Number.isFinite(t.atRisk) && t.atRisk > 0 && t.atRisk < t.onTrack && t.onTrack <= 1;
  if (!ok) {
    throw new Error(`Thresholds must satisfy 0 < atRisk < onTrack ≤ 1 (got atRisk ${t?.atRisk}, onTrack ${t?.onTrack})`);
  }
}

/**
 * Status of a progress ratio r. r is rounded to 9 decimals first, so floating-point noise
 * (0.95 computed as 0.9499999999999999) never moves a status across a threshold.
 */
export function statusFromRatio(ratio: number, t: Thresholds = DEFAULT_THRESHOLDS): Status {
  if (Number.isNaN(ratio)) throw new Error('statusFromRatio: the ratio is not a number');
  const r = Math.round(ratio * 1e9) / 1e9;
  if (r >= t.onTrack) return 'on_track';
  if (r >= t.atRisk) return 'at_risk';
  if (r >= 0) return 'off_track';
  return 'deteriorating';
}
