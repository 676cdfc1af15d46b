export * from './model';
export * from './due-date';
export * from './value-text';
export * from './data-file';
export * from './value-rules';
