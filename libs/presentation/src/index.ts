export * from './lang';
export * from './labels/report';
export * from './labels/web';
export * from './labels/site';
export * from './format';
export * from './colors';
export * from './charts';
export * from './fields';
