import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { SnapshotsModule } from '@app/snapshots';
import { PdfPrinter } from './pdf-printer';
import { ReportRenderer } from './renderer';
import { ReportsService } from './reports.service';
import { ReviewReportInputs } from './review-inputs';
import { TerritorialComparisons } from './territorial-comparison';

/** Report generation for the server (API, schedule) and the CLI. */
@Module({
  imports: [SnapshotsModule],
  providers: [
    { provide: ReportRenderer, useFactory: () => new ReportRenderer() },
    {
      provide: PdfPrinter,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new PdfPrinter({
          executablePath: config.reports.chromiumPath,
          timeoutMs: config.reports.renderTimeoutMs,
          concurrency: config.reports.concurrency,
        }),
    },
    ReviewReportInputs,
    TerritorialComparisons,
    ReportsService,
  ],
  exports: [ReportsService, ReviewReportInputs, PdfPrinter, ReportRenderer, TerritorialComparisons],
})
export class ReportsModule implements OnApplicationShutdown {
  constructor(@Inject(PdfPrinter) private readonly printer: PdfPrinter) {}

  /**
   * Chromium is closed last, once nothing can print any more: after every module's onModuleDestroy
   * (the scheduled jobs end their run there: a series of reports stops after the report under way)
   * and after the HTTP server has finished its requests. Closed earlier, a report being printed lost
   * its browser, started another one, and the stopping server waited on it.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.printer.close();
  }
}
