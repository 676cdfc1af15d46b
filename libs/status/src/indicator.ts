import { compareDates } from './dates';
import type { Thresholds } from './status';
import { Direction, evaluateTarget, Method, Observation, TargetEvaluation, TargetInput } from './target';

export interface IndicatorEvaluation {
  status: TargetEvaluation['status'];
  /** Index (into the input targets) of the target the indicator is judged against. */
  currentTargetIndex: number;
  /** One evaluation per target, in the input order. */
  targets: TargetEvaluation[];
}

/**
 * An indicator is judged against its earliest target not yet due (due on or after asOf), or its
 * last target once all are due. Targets may come in any order; two due the same day are taken in
 * input order (stable sort).
 */
export function evaluateIndicator(input: {
  targets: TargetInput[];
  direction: Direction;
  method: Method;
  baseline: Observation | null;
  latest: Observation | null;
  asOf: string;
  thresholds?: Thresholds;
}): IndicatorEvaluation {
  if (input.targets.length === 0) throw new Error('An indicator needs at least one target');
  // Every target is evaluated (and so validated) even if only one decides the status: reports show them all.
  const targets = input.targets.map((target) => evaluateTarget({ ...input, target }));
  const byDue = input.targets.map((t, i) => ({ t, i })).sort((a, b) => compareDates(a.t.dueDate, b.t.dueDate));
  const current = byDue.find(({ t }) => compareDates(t.dueDate, input.asOf) >= 0) ?? byDue[byDue.length - 1];
  return { status: targets[current.i].status, currentTargetIndex: current.i, targets };
}
