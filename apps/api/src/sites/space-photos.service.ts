import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import sharp from 'sharp';
import type { FastifyRequest } from 'fastify';
import { MAX_PHOTOS_PER_SPACE, PHOTO_MAX_BYTES, type SpacePhoto } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import type { Caller } from '../auth/current-user';
import { DomainException, notFound } from '../http/domain.exception';
import { SpacePhotosRepository } from './space-photos.repository';
import { photoView } from './spaces.repository';
import { SpacesService } from './spaces.service';

/** Formats accepted, as sharp names what it finds in the bytes (the declared type is not trusted). */
const FORMATS = new Set(['jpeg', 'png', 'webp']);
/** A decompression bomb (a small file of a huge image) is refused before it is decoded. */
const MAX_PIXELS = 50_000_000;
const LARGE = 1600;
const THUMB = { width: 480, height: 360 };

const unsupported = () =>
  new DomainException('UNSUPPORTED_MEDIA_TYPE', 415, 'UNSUPPORTED_MEDIA_TYPE', [
    { path: 'body.file', message: 'UNSUPPORTED_MEDIA_TYPE.field' },
  ]);

const tooLarge = () =>
  new DomainException(
    'PAYLOAD_TOO_LARGE',
    413,
    { key: 'PAYLOAD_TOO_LARGE', params: { megabytes: PHOTO_MAX_BYTES / 1024 / 1024 } },
    [
      {
        path: 'body.file',
        message: { key: 'PAYLOAD_TOO_LARGE.field', params: { megabytes: PHOTO_MAX_BYTES / 1024 / 1024 } },
      },
    ],
  );

const tooMany = () =>
  new DomainException('TOO_MANY_PHOTOS', 422, {
    key: 'TOO_MANY_PHOTOS',
    params: { max: MAX_PHOTOS_PER_SPACE },
  });

@Injectable()
export class SpacePhotosService {
  constructor(
    private readonly db: DataSource,
    private readonly photos: SpacePhotosRepository,
    private readonly spaces: SpacesService,
    private readonly audit: AuditService,
  ) {}

  async upload(caller: Caller, spaceId: string, req: FastifyRequest): Promise<SpacePhoto> {
    // Who may, and whether there is room, before a byte of the file is read or decoded.
    const space = await this.spaces.managed(caller, spaceId);
    if ((space.photos?.length ?? 0) >= MAX_PHOTOS_PER_SPACE) throw tooMany();
    if (!req.isMultipart()) throw unsupported();
    const file = await req.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
    if (!file || file.fieldname !== 'file') {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED', [
        { path: 'body.file', message: 'VALIDATION_FAILED.photoMissing.field' },
      ]);
    }
    let bytes: Buffer;
    try {
      bytes = await file.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw err;
    }
    const { large, thumbnail, width, height } = await resize(bytes);

    return this.db.transaction(async (em) => {
      // Counted again under the space's row lock, so that two uploads at once cannot both take the last place.
      if ((await this.photos.countLocked(em, space.id)) >= MAX_PHOTOS_PER_SPACE) throw tooMany();
      const row = await this.photos.insert(em, {
        spaceId: space.id,
        width,
        height,
        large,
        thumbnail,
        uploadedBy: caller.userId,
      });
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'space',
        entityId: space.id,
        action: 'photo_added',
        changes: { photoId: row.id, bytes: bytes.length },
      });
      return photoView(space.id, row);
    });
  }

  async remove(caller: Caller, spaceId: string, photoId: string): Promise<void> {
    const space = await this.spaces.managed(caller, spaceId);
    await this.db.transaction(async (em) => {
      if (!(await this.photos.delete(em, space.id, photoId))) throw notFound('NOT_FOUND.photo');
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'space',
        entityId: space.id,
        action: 'photo_removed',
        changes: { photoId },
      });
    });
  }

  /** The bytes of one version, and whether anyone may see it (published space) or only its managers. */
  async image(
    caller: Caller | undefined,
    spaceId: string,
    photoId: string,
    size: 'large' | 'thumb',
  ): Promise<{ bytes: Buffer; published: boolean }> {
    const row = await this.photos.image(spaceId, photoId, size);
    const published = row?.status === 'published';
    if (!row || (!published && !(caller && this.spaces.manages(caller, row.site_id)))) {
      throw notFound('NOT_FOUND.photo');
    }
    return { bytes: row.bytes, published };
  }
}

/** The two versions kept, as WebP, turned upright from the EXIF orientation and stripped of metadata. */
async function resize(
  bytes: Buffer,
): Promise<{ large: Buffer; thumbnail: Buffer; width: number; height: number }> {
  const input = () => sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
  let format: string | undefined;
  let pixels = 0;
  try {
    const meta = await input().metadata();
    format = meta.format;
    pixels = (meta.width ?? 0) * (meta.height ?? 0);
  } catch {
    throw unsupported();
  }
  if (!format || !FORMATS.has(format)) throw unsupported();
  if (pixels > MAX_PIXELS) throw tooLarge();
  try {
    const large = await input()
      .rotate()
      .resize({ width: LARGE, height: LARGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await input()
      .rotate()
      .resize({ ...THUMB, fit: 'cover' })
      .webp({ quality: 72 })
      .toBuffer();
    return { large: large.data, thumbnail, width: large.info.width, height: large.info.height };
  } catch {
    // Announced as an image, broken inside.
    throw unsupported();
  }
}
