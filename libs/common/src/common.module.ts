import { DynamicModule, Global, Module } from '@nestjs/common';
import { Calendar } from './calendar';
import { Clock, SystemClock } from './clock';

/** Provides the Clock (the system clock in production, a FixedClock in tests) and the Calendar. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: CommonModule, providers: [{ provide: Clock, useValue: clock }, Calendar], exports: [Clock, Calendar] };
  }
}
