/** Every JSON API route lives under this versioned prefix. */
export const API_PREFIX = 'api/v1';
