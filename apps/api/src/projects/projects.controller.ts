import { Body, Controller, Param, Query } from '@nestjs/common';
import { ROUTES, type EndpointInput } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { ProjectsService } from './projects.service';

type Input<K extends keyof typeof ROUTES> = EndpointInput<(typeof ROUTES)[K]>;

@Controller()
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Endpoint(ROUTES.createProject)
  create(@CurrentUser() caller: Caller, @Body() body: Input<'createProject'>['body']) {
    return this.projects.create(caller, body);
  }

  @Endpoint(ROUTES.listProjects)
  list(@CurrentUser() caller: Caller, @Query() q: Input<'listProjects'>['query']) {
    return this.projects.list(caller, q);
  }

  @Endpoint(ROUTES.replicableProjects)
  catalogue(@CurrentUser() caller: Caller | undefined, @Query() q: Input<'replicableProjects'>['query']) {
    return this.projects.catalogue(caller, q);
  }

  @Endpoint(ROUTES.getProject)
  get(@CurrentUser() caller: Caller | undefined, @Param('id') id: string) {
    return this.projects.get(caller, id);
  }

  @Endpoint(ROUTES.updateProject)
  update(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: Input<'updateProject'>['body'],
  ) {
    return this.projects.update(caller, id, body);
  }

  @Endpoint(ROUTES.linkProject)
  link(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: Input<'linkProject'>['body']) {
    return this.projects.link(caller, id, body);
  }

  @Endpoint(ROUTES.createProjectReport)
  report(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: Input<'createProjectReport'>['body'],
  ) {
    return this.projects.addReport(caller, id, body);
  }

  @Endpoint(ROUTES.replicateProject)
  replicate(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: Input<'replicateProject'>['body'],
  ) {
    return this.projects.propose(caller, id, body);
  }

  @Endpoint(ROUTES.acceptReplication)
  accept(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: Input<'acceptReplication'>['body'],
  ) {
    return this.projects.accept(caller, id, body);
  }

  @Endpoint(ROUTES.declineReplication)
  decline(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.projects.decline(caller, id);
  }

  @Endpoint(ROUTES.fittingSpaces)
  fitting(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query() q: Input<'fittingSpaces'>['query'],
  ) {
    return this.projects.fittingSpaces(caller, id, q.region);
  }
}
