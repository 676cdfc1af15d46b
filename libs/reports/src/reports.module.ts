import { Inject, Module, OnModuleDestroy } from '@nestjs/common';
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
export class ReportsModule implements OnModuleDestroy {
  constructor(@Inject(PdfPrinter) private readonly printer: PdfPrinter) {}

  async onModuleDestroy(): Promise<void> {
    await this.printer.close();
  }
}
