export * from './database';
export * from './tokens';
export * from './roadmap-sync';
export * from './persistence.module';
export * from './repositories/roadmap.repository';
