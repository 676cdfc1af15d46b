/** The status engine: pure functions of their arguments (no I/O, no clock); every date is YYYY-MM-DD. */
export * from './dates';
export * from './status';
export * from './target';
export * from './milestone';
export * from './indicator';
export * from './rollup';
export * from './staleness';
export * from './forecast';
