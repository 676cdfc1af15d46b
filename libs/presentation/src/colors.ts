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
