export * from './principal';
export * from './passwords';
export * from './users.service';
export * from './tokens.service';
export * from './accounts.module';
