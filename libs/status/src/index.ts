export * from './dates';
export * from './status';
export * from './target';
export * from './milestone';
export * from './indicator';
export * from './rollup';
export * from './staleness';
