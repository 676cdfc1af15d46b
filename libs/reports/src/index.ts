export * from './report-model';
export * from './renderer';
export * from './pdf-printer';
export * from './reports.service';
export * from './reports.module';
export * from './review-section';
export * from './review-inputs';
