import type { Status } from '@app/status';

/**
 * One colour per status, each with a text colour that passes WCAG AA contrast on it. Colour is never
 * the only signal: badges carry the status name, charts have a legend and a data table.
 */
export const STATUS_COLORS: Record<Status, { background: string; text: string }> = {
  achieved: { background: '#18753c', text: '#ffffff' },
  on_track: { background: '#0063cb', text: '#ffffff' },
  at_risk: { background: '#fcc63a', text: '#161616' },
  off_track: { background: '#e4794a', text: '#161616' },
  deteriorating: { background: '#a94645', text: '#ffffff' },
  missed: { background: '#ce0500', text: '#ffffff' },
  no_data: { background: '#666666', text: '#ffffff' },
  insufficient_data: { background: '#cdb4f0', text: '#161616' },
  not_started: { background: '#e5e5e5', text: '#161616' },
};

/** The DSFR badge variant of each status on the web pages (`fr-badge--<variant>`); none is DSFR's neutral grey. */
export type BadgeVariant = 'success' | 'info' | 'warning' | 'error' | 'new' | 'purple-glycine';
export const STATUS_BADGE_VARIANTS: Record<Status, BadgeVariant | null> = {
  achieved: 'success',
  on_track: 'info',
  at_risk: 'new',
  off_track: 'warning',
  deteriorating: 'error',
  missed: 'error',
  no_data: null,
  // A value but no trend yet: DSFR's illustrative purple, as its chart colour.
  insufficient_data: 'purple-glycine',
  not_started: null,
};
