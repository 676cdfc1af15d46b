import type { FastifyReply } from 'fastify';
import type { ReportRecord, ReportSummary } from '@app/persistence';

/** rapport-body-CNAM-2025-Q4-2025-12-31.pdf: only safe characters, whatever the scope holds. */
export function reportFileName(r: Pick<ReportSummary, 'kind' | 'scope' | 'period' | 'asOf' | 'format' | 'lang'>): string {
  const scope = r.scope ? `-${r.scope.replace(/[^A-Za-z0-9-]+/g, '-')}` : '';
  return `${r.lang === 'fr' ? 'rapport' : 'report'}-${r.kind}${scope}-${r.period}-${r.asOf}.${r.format}`;
}

/**
 * Sends a stored report. An HTML report runs only its own inline scripts: the policy lists their
 * hashes, and nothing may be loaded from anywhere.
 */
export function sendReport(res: FastifyReply, report: ReportRecord, download: boolean): void {
  const name = reportFileName(report);
  res.header('Content-Disposition', `${download ? 'attachment' : 'inline'}; filename="${name}"`);
  res.header('X-Content-Type-Options', 'nosniff');
  if (report.format === 'pdf') {
    res.header('Content-Type', 'application/pdf');
  } else {
    res.header('Content-Type', 'text/html; charset=utf-8');
    res.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src ${(report.scriptHashes as string[]).join(' ')}; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`,
    );
  }
  res.send(report.content);
}
