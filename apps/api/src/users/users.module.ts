import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GeographyModule } from '../geography/geography.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SitesModule } from '../sites/sites.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [AuthModule, GeographyModule, NotificationsModule, SitesModule],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}
