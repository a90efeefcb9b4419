import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS } from './demo-data';

/** Whether this deployment's database holds the demo data, whichever process or start loaded them. */
@Injectable()
export class DemoDataService {
  private known = false;

  constructor(private readonly db: DataSource) {}

  /**
   * The seed writes the demo accounts in the one transaction of all its data, and they are what the login
   * page would name: they exist exactly when the demo data were loaded. Once seen, not looked for again.
   */
  async loaded(): Promise<boolean> {
    if (this.known) return true;
    const [{ found }] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE email = ANY($1::text[])) AS found`,
      [DEMO_ACCOUNTS.map((a) => a.email)],
    );
    this.known = found;
    return found;
  }
}
