export * from './types';
export { readDate, readNumber } from './columns';
export * from './read';
export * from './export';
