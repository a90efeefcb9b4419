import { Body, Controller, Param } from '@nestjs/common';
import { ROUTES, type EndpointInput } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { WebhooksService } from './webhooks.service';

@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Endpoint(ROUTES.listWebhooks)
  list(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.webhooks.list(caller, id);
  }

  @Endpoint(ROUTES.createWebhook)
  create(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.createWebhook>['body'],
  ) {
    return this.webhooks.create(caller, id, body);
  }

  @Endpoint(ROUTES.updateWebhook)
  update(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: EndpointInput<typeof ROUTES.updateWebhook>['body'],
  ) {
    return this.webhooks.update(caller, id, body);
  }

  @Endpoint(ROUTES.deleteWebhook)
  delete(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.webhooks.delete(caller, id);
  }

  @Endpoint(ROUTES.rotateWebhookSecret)
  rotate(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.webhooks.rotate(caller, id);
  }

  @Endpoint(ROUTES.testWebhook)
  test(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.webhooks.test(caller, id);
  }

  @Endpoint(ROUTES.webhookDeliveries)
  deliveries(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.webhooks.deliveries(caller, id);
  }
}
