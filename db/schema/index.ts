export { defineSchema, type Tables } from './define';
export { sqliteTables } from './sqlite';
export { pgTables } from './postgres';
