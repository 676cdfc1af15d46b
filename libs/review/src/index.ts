export * from './review-period';
export * from './update-content';
export * from './update-workflow';
export * from './completeness';
export * from './notices';
export * from './update-records';
export * from './reminders';
