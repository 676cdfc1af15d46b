import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ReportsRepository } from '@app/persistence';
import { AnyReportKind, ReportsService } from '@app/reports';

interface GenerateOptions {
  kind: AnyReportKind;
  scope?: string;
  period: string;
  asOf?: string;
  format: 'pdf' | 'html';
  lang?: 'fr' | 'en';
  out?: string;
  allBodies?: boolean;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-');

@SubCommand({
  name: 'generate',
  description: 'Generate a report, store it in the archive and write it to a file (or one per body with --all-bodies)',
})
export class ReportGenerateCommand extends CommandRunner {
  constructor(
    private readonly reports: ReportsService,
    private readonly archive: ReportsRepository,
  ) {
    super();
  }

  async run(_params: string[], o: GenerateOptions): Promise<void> {
    if (!o.period) throw new Error('--period is required (2025-11, 2025-Q4, 2025-H2 or 2025).');
    const format = o.format ?? 'pdf';
    const author = { userId: null, trigger: 'cli' as const };
    if (o.allBodies) {
      const dir = resolve(o.out ?? '.');
      mkdirSync(dir, { recursive: true });
      const done = await this.reports.generateForEveryBody({ period: o.period, asOf: o.asOf, format, lang: o.lang }, author, (n, total, body) =>
        process.stdout.write(`[${String(n).padStart(2)}/${total}] ${body}\n`),
      );
      for (const r of done) writeFileSync(join(dir, `report-body-${safe(r.scope!)}-${r.period}.${format}`), (await this.archive.findById(r.id))!.content);
      console.log(`${done.length} body reports written to ${dir}`);
      return;
    }
    if (!o.kind) throw new Error('--kind is required: roadmap, focus_area, body, objective or region.');
    const r = await this.reports.generate({ kind: o.kind, scope: o.scope, period: o.period, asOf: o.asOf, format, lang: o.lang }, author);
    const out = resolve(o.out ?? `report-${o.kind}${r.scope ? `-${safe(r.scope)}` : ''}-${r.period}.${format}`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, (await this.archive.findById(r.id))!.content);
    console.log(
      `Report ${r.id} (${r.kind}${r.scope ? ` ${r.scope}` : ''}, ${r.period}, as of ${r.asOf}) written to ${out} (${r.byteSize} bytes, data ${r.dataHash.slice(0, 12)})`,
    );
  }

  @Option({ flags: '-k, --kind <kind>', description: 'roadmap | focus_area | body | objective | region' })
  kind(v: string) {
    return v;
  }
  @Option({ flags: '-s, --scope <scope>', description: 'focus-area number, body acronym, objective code or region code (84)' })
  scope(v: string) {
    return v;
  }
  @Option({ flags: '-p, --period <period>', description: '2025-11 | 2025-Q4 | 2025-H2 | 2025', required: true })
  period(v: string) {
    return v;
  }
  @Option({ flags: '-a, --as-of <date>', description: 'YYYY-MM-DD (default: the end of the period, or today)' })
  asOf(v: string) {
    return v;
  }
  @Option({ flags: '-f, --format <format>', description: 'pdf | html (default pdf)' })
  format(v: string) {
    return v;
  }
  @Option({ flags: '-l, --lang <lang>', description: 'fr | en (default fr)' })
  lang(v: string) {
    return v;
  }
  @Option({ flags: '-o, --out <path>', description: 'file to write (with --all-bodies: a folder)' })
  out(v: string) {
    return v;
  }
  @Option({ flags: '--all-bodies', description: 'one report per body, with progress' })
  allBodies() {
    return true;
  }
}

@Command({ name: 'report', description: 'Progress reports', subCommands: [ReportGenerateCommand] })
export class ReportCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
