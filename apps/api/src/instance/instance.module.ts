import { Module } from '@nestjs/common';
import { DemoModule } from '../demo/demo.module';
import { InstanceController } from './instance.controller';

/** What the web app needs to know of the deployment it runs on. */
@Module({ imports: [DemoModule], controllers: [InstanceController] })
export class InstanceModule {}
