import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MeasurementsModule } from '../measurements/measurements.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [
    MeasurementsModule,
    // Uploads are kept in memory and cut off at MAX_UPLOAD_BYTES while streaming, before parsing.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 10, parts: 12 } }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
