export * from './clock';
export * from './errors';
export * from './common.module';
export * from './calendar';
export * from './period';
export * from './operations-metrics';
