export * from './catalogue';
export * from './render';
export * from './review';
