import type { Message } from './catalogue';

/** Messages of Operations: metrics, readiness, packaging, backups, by code, in French and English; spread into the catalogue. Same conventions as catalogue.ts. */
export const OPERATIONS_MESSAGES = {
  // ── Metrics (/metrics) ─────────────────────────────────────────────────────────────────────────
  'metrics.token_required': {
    fr: 'Les métriques demandent un jeton : envoyez l’en-tête « Authorization: Bearer <jeton> » avec METRICS_TOKEN ou le jeton d’un administrateur.',
    en: 'Metrics need a token: send "Authorization: Bearer <token>" with METRICS_TOKEN or an administrator’s token.',
  },
  'metrics.token_invalid': {
    fr: 'Ce jeton n’ouvre pas les métriques : ce n’est ni METRICS_TOKEN ni un jeton valide d’administrateur.',
    en: 'This token does not open the metrics: it is neither METRICS_TOKEN nor a valid administrator’s token.',
  },
  'metrics.admin_required': {
    fr: 'Les métriques sont réservées aux administrateurs et au jeton METRICS_TOKEN ; votre rôle est « {role} ».',
    en: 'Metrics are for administrators and the METRICS_TOKEN only; your role is "{role}".',
  },
  // ── Readiness (/health/ready): why a check failed or was skipped ───────────────────────────────
  'health.database_failed': {
    fr: 'La base de données ne répond pas (le détail est dans le journal du serveur).',
    en: 'The database does not answer (the details are in the server’s log).',
  },
  'health.database_timeout': {
    fr: 'La base de données n’a pas répondu en {seconds} s.',
    en: 'The database did not answer within {seconds} s.',
  },
  'health.disk_low': {
    fr: 'Il reste {freeMb} Mo libres sur ce disque, moins que le minimum de {minFreeMb} Mo (HEALTH_MIN_FREE_MB).',
    en: '{freeMb} MB left free on this disk, less than the minimum of {minFreeMb} MB (HEALTH_MIN_FREE_MB).',
  },
  'health.disk_unreadable': {
    fr: 'L’espace libre de ce disque n’a pas pu être lu (le détail est dans le journal du serveur).',
    en: 'The free space of this disk could not be read (the details are in the server’s log).',
  },
  'health.folder_missing': {
    fr: 'Le dossier n’existe pas : montez le partage de BACKUP_COPY_DIR, ou créez ce dossier.',
    en: 'The folder does not exist: mount the share of BACKUP_COPY_DIR, or create that folder.',
  },
  'health.disk_not_here': {
    fr: 'La base de données est sur le serveur PostgreSQL (DATABASE_URL) : son disque se surveille sur ce serveur.',
    en: 'The database is on the PostgreSQL server (DATABASE_URL): its disk is monitored on that server.',
  },
  'health.chromium_missing': {
    fr: 'Chromium est introuvable à l’emplacement CHROMIUM_PATH : installez le paquet chromium ou corrigez ce réglage.',
    en: 'Chromium is not found at CHROMIUM_PATH: install the chromium package or correct that setting.',
  },
  'health.chromium_not_executable': {
    fr: 'Le fichier désigné par CHROMIUM_PATH n’est pas exécutable.',
    en: 'The file CHROMIUM_PATH names is not executable.',
  },
} satisfies Record<string, Message>;
