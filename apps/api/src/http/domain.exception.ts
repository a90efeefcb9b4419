import type { ErrorCode } from '@lieux/contracts';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * A refusal the person can act on. Carries a stable code (the web maps it to its own words) and a
 * French message for any other client; the global filter turns it into problem+json.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }

  headers: Record<string, string> = {};

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }
}

export const notFound = (what: string) => new DomainException('NOT_FOUND', 404, `${what} introuvable.`);
