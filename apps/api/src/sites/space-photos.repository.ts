import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A space's photos, each kept in two versions (large and thumbnail). */
@Injectable()
export class SpacePhotosRepository {
  constructor(private readonly db: DataSource) {}

  /** Locks the space's row, so that two uploads at once count its photos one after the other. */
  async countLocked(em: EntityManager, spaceId: string): Promise<number> {
    await em.query(`SELECT 1 FROM spaces WHERE id = $1 FOR UPDATE`, [spaceId]);
    const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM space_photos WHERE space_id = $1`, [
      spaceId,
    ]);
    return n;
  }

  async insert(
    em: EntityManager,
    photo: {
      spaceId: string;
      width: number;
      height: number;
      large: Buffer;
      thumbnail: Buffer;
      uploadedBy: string;
    },
  ): Promise<{ id: string; width: number; height: number }> {
    const [row] = await em.query(
      `INSERT INTO space_photos (space_id, width, height, large, thumbnail, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, width, height`,
      [photo.spaceId, photo.width, photo.height, photo.large, photo.thumbnail, photo.uploadedBy],
    );
    return row;
  }

  /** False when the space has no such photo. */
  async delete(em: EntityManager, spaceId: string, photoId: string): Promise<boolean> {
    const rows = await em.query(
      `WITH d AS (DELETE FROM space_photos WHERE id = $1 AND space_id = $2 RETURNING id) SELECT id FROM d`,
      [photoId, spaceId],
    );
    return rows.length > 0;
  }

  /** One version's bytes, with its space's status and site (who may see it). */
  async image(
    spaceId: string,
    photoId: string,
    size: 'large' | 'thumb',
  ): Promise<{ bytes: Buffer; status: string; site_id: string } | undefined> {
    const [row] = await this.db.query(
      `SELECT p.${size === 'large' ? 'large' : 'thumbnail'} AS bytes, sp.status, sp.site_id
         FROM space_photos p JOIN spaces sp ON sp.id = p.space_id
        WHERE p.id = $1 AND p.space_id = $2`,
      [photoId, spaceId],
    );
    return row;
  }
}
