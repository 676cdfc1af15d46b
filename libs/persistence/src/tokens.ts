/** Injection tokens for the database handles. */
export const SQLITE = Symbol('SQLITE');
export const DRIZZLE = Symbol('DRIZZLE');
