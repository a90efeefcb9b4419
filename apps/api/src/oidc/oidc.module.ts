import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GeographyModule } from '../geography/geography.module';
import { SitesModule } from '../sites/sites.module';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';

/** Staff sign-in through the group's OpenID Connect provider (off unless configured). */
@Module({
  imports: [AuthModule, GeographyModule, SitesModule],
  controllers: [OidcController],
  providers: [OidcService],
})
export class OidcModule {}
