import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { SnapshotsModule } from '@app/snapshots';
import { ExportsModule } from '../exports/exports.module';
import { ImportsModule } from '../imports/imports.module';
import { MeasurementsModule } from '../measurements/measurements.module';
import { MilestonesModule } from '../milestones/milestones.module';
import { ReportsModule } from '../reports/reports.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { PublishingModule } from '../publishing/publishing.module';
import { AccountPagesController } from './controllers/account-pages.controller';
import { AuditPagesController } from './controllers/audit-pages.controller';
import { AuthPagesController } from './controllers/auth-pages.controller';
import { BrowsePagesController } from './controllers/browse-pages.controller';
import { EntryController } from './controllers/entry.controller';
import { ExportPagesController } from './controllers/export-pages.controller';
import { ImportPagesController } from './controllers/import-pages.controller';
import { LegalPagesController } from './controllers/legal-pages.controller';
import { NotFoundPagesController } from './controllers/not-found.controller';
import { OutboxPagesController } from './controllers/outbox-pages.controller';
import { ReportPagesController } from './controllers/report-pages.controller';
import { ReviewPagesController } from './controllers/review-pages.controller';
import { UserPagesController } from './controllers/user-pages.controller';
import { Csrf, CsrfAfterUploadInterceptor, CsrfGuard } from './csrf';
import { PagesService } from './pages.service';
import { ReviewPagesService } from './review-pages.service';
import { TerritorialPagesService } from './territorial-pages.service';
import { WebContext } from './web-context';
import { WebExceptionFilter } from './web-exception.filter';
import { WebRenderer } from './web-renderer';
import { WebStates } from './web-states';

// NotFoundPagesController last: its wildcard answers only what no other route does.
export const WEB_CONTROLLERS = [
  AuthPagesController,
  BrowsePagesController,
  EntryController,
  ImportPagesController,
  ReportPagesController,
  UserPagesController,
  AuditPagesController,
  OutboxPagesController,
  AccountPagesController,
  ExportPagesController,
  LegalPagesController,
  ReviewPagesController,
  NotFoundPagesController,
];

/** The staff web app: server-rendered pages (DSFR), session cookie, CSRF on every form. */
@Module({
  imports: [
    AccountsModule,
    SnapshotsModule,
    MeasurementsModule,
    MilestonesModule,
    ImportsModule,
    ReportsModule,
    ExportsModule,
    ReviewsModule,
    PublishingModule,
  ],
  controllers: WEB_CONTROLLERS,
  providers: [
    WebRenderer,
    WebContext,
    WebStates,
    PagesService,
    ReviewPagesService,
    TerritorialPagesService,
    Csrf,
    CsrfGuard,
    CsrfAfterUploadInterceptor,
    WebExceptionFilter,
  ],
  exports: [WebRenderer],
})
export class WebModule {}
