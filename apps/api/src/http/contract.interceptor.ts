import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { inMessageLanguage, text, type RouteContract } from '@lieux/contracts';
import { ROUTE_CONTRACT } from './endpoint.decorator';
import { DomainException, type FieldError } from './domain.exception';
import { requestLanguage } from './request-language';

type Part = 'params' | 'query' | 'body';

/** Half of a UTF-16 surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const invalidText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/**
 * Paths of every string (keys included) that PostgreSQL cannot store as text (NUL) or that is not
 * Unicode at all (a lone surrogate, which breaks JSON encoders): refused for every route, whatever its
 * schema says.
 */
function unstorableText(value: unknown, path: string[]): string[] {
  if (typeof value === 'string') return invalidText(value) ? [path.join('.')] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(invalidText(key) ? [[...path, key].join('.')] : []),
    ...unstorableText(inner, [...path, key]),
  ]);
}

/**
 * Validates params, query and body against the route's contract before the handler runs, and hands
 * the handler the parsed values (coerced, defaulted, trimmed). Anything off is a 400 listing each field.
 */
@Injectable()
export class ContractInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    if (contract) {
      const req = context.switchToHttp().getRequest<FastifyRequest & Record<Part, unknown>>();
      // Field messages in the caller's language; parsing is synchronous, see inMessageLanguage.
      const errors = inMessageLanguage(requestLanguage(req.headers['accept-language']), () =>
        this.validate(contract, req),
      );
      if (errors.length > 0) {
        throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED', errors);
      }
    }
    return next.handle();
  }

  /** Replaces each part of the request by its parsed value; answers what is wrong, field by field. */
  private validate(contract: RouteContract, req: Record<Part, unknown>): FieldError[] {
    const errors: FieldError[] = [];
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = contract[part] as ZodType | undefined;
      if (!schema) continue;
      const input = part === 'body' ? req.body : (req[part] ?? {});
      if (part === 'body' && input === undefined) {
        errors.push({ path: 'body', message: { said: text('request.bodyRequired') } });
        continue;
      }
      const unstorable = unstorableText(input, [part]);
      if (unstorable.length > 0) {
        errors.push(
          ...unstorable.map((path) => ({ path, message: { said: text('text.invalidCharacter') } })),
        );
        continue;
      }
      const result = schema.safeParse(input);
      if (result.success) {
        req[part] = result.data;
      } else {
        for (const issue of result.error.issues) {
          errors.push({
            path: [part, ...issue.path.map(String)].join('.'),
            message: { said: issue.message },
          });
        }
      }
    }
    return errors;
  }
}
