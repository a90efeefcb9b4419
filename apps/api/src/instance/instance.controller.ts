import { Controller, Inject } from '@nestjs/common';
import { ROUTES, type Instance } from '@lieux/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DemoDataService } from '../demo/demo-data.service';
import { Endpoint } from '../http/endpoint.decorator';

@Controller()
export class InstanceController {
  constructor(
    private readonly demo: DemoDataService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Endpoint(ROUTES.instance)
  async get(): Promise<Instance> {
    return {
      demoData: await this.demo.loaded(),
      mapStyleUrl: this.config.mapStyleUrl,
      oidc: this.config.oidc !== null,
    };
  }
}
