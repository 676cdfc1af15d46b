export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'deteriorating' | 'missed' | 'no_data' | 'not_started';

/** Worst first: an objective takes the worst status of its indicators and milestones. */
export const STATUS_ORDER: readonly Status[] = [
  'missed',
  'deteriorating',
  'off_track',
  'at_risk',
  'no_data',
  'not_started',
  'on_track',
  'achieved',
];

export function worstStatus(statuses: Status[]): Status {
  if (statuses.length === 0) throw new Error('worstStatus needs at least one status');
  return statuses.reduce((worst, s) => (STATUS_ORDER.indexOf(s) < STATUS_ORDER.indexOf(worst) ? s : worst));
}

/**
 * Progress-ratio thresholds of Statistics Canada's Open SDG progress method: r ≥ onTrack is on
 * track, atRisk ≤ r < onTrack needs acceleration, 0 ≤ r < atRisk is limited progress.
 */
export interface Thresholds {
  onTrack: number;
  atRisk: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { onTrack: 0.95, atRisk: 0.6 };

export function validateThresholds(t: Thresholds): void {
  if (!(Number.isFinite(t.onTrack) && Number.isFinite(t.atRisk) && t.atRisk > 0 && t.atRisk < t.onTrack && t.onTrack <= 1)) {
    throw new Error(`Thresholds must satisfy 0 < atRisk < onTrack ≤ 1 (got atRisk ${t.atRisk}, onTrack ${t.onTrack})`);
  }
}

/** Ratios are compared at 9 decimals, so floating-point noise never moves a status across a threshold. */
export function statusFromRatio(ratio: number, t: Thresholds): Status {
  const r = Math.round(ratio * 1e9) / 1e9;
  if (r >= t.onTrack) return 'on_track';
  if (r >= t.atRisk) return 'at_risk';
  if (r >= 0) return 'off_track';
  return 'deteriorating';
}
