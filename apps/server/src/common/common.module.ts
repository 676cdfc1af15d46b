import { Global, Module } from '@nestjs/common';
import { Calendar } from './calendar';

@Global()
@Module({ providers: [Calendar], exports: [Calendar] })
export class ServerCommonModule {}
