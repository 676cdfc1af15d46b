export * from './status.service';
export * from './snapshots.module';
