import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class OrganisationsService {
  constructor(private readonly db: DataSource) {}

  async verification(id: string): Promise<'pending' | 'verified' | 'rejected' | null> {
    const rows = await this.db.query(`SELECT verification FROM organisations WHERE id = $1`, [id]);
    return rows[0]?.verification ?? null;
  }
}
