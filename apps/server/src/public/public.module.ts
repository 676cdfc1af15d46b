import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { SnapshotsModule } from '@app/snapshots';
import { PagesService } from '../web/pages.service';
import { WebModule } from '../web/web.module';
import { PublicApiController } from './public-api.controller';
import { PublicPagesController } from './public-pages.controller';
import { PublicPagesService } from './public-pages.service';
import { PublicService } from './public.service';

/**
 * The public view and its open data (PUBLIC_SITE): pages under /public and JSON under
 * /api/v1/public, from the last published period's frozen snapshot. When PUBLIC_SITE is false its
 * routes are not registered at all, so /public/** answers exactly what any unknown address answers.
 */
@Module({})
export class PublicModule {
  static forRoot(config: Pick<AppConfig, 'publicSite'>): DynamicModule {
    return {
      module: PublicModule,
      imports: [WebModule, SnapshotsModule],
      controllers: config.publicSite ? [PublicPagesController, PublicApiController] : [],
      // PagesService: the staff dashboard's shaping, given the published statuses instead of live ones.
      providers: [PublicService, PublicPagesService, PagesService],
    };
  }
}
