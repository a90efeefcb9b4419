import { Module } from '@nestjs/common';
import { DemoDataService } from './demo-data.service';
import { DemoSeed } from './demo-seed';

@Module({ providers: [DemoSeed, DemoDataService], exports: [DemoDataService] })
export class DemoModule {}
