import { Controller, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { SpacePhotosService } from './space-photos.service';

@Controller()
export class SpacePhotosController {
  constructor(private readonly photos: SpacePhotosService) {}

  @Endpoint(ROUTES.uploadSpacePhoto)
  upload(@CurrentUser() caller: Caller, @Param('id') id: string, @Req() req: FastifyRequest) {
    return this.photos.upload(caller, id, req);
  }

  @Endpoint(ROUTES.deleteSpacePhoto)
  remove(@CurrentUser() caller: Caller, @Param('id') id: string, @Param('photoId') photoId: string) {
    return this.photos.remove(caller, id, photoId);
  }

  @Endpoint(ROUTES.spacePhoto)
  async image(
    @CurrentUser() caller: Caller | undefined,
    @Param('id') id: string,
    @Param('photoId') photoId: string,
    @Param('size') size: 'large' | 'thumb',
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { bytes, published } = await this.photos.image(caller, id, photoId, size);
    // A photo's bytes never change under its id (a new photo gets a new id): cached for a year when public.
    // A draft's photo is for its managers only: no shared cache may keep it.
    const etag = `"${photoId}-${size}"`;
    reply
      .header('content-type', 'image/webp')
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', published ? 'public, max-age=31536000, immutable' : 'private, no-cache');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.code(200).send(bytes);
  }
}
