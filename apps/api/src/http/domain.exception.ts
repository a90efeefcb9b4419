import {
  errorText,
  type ErrorCode,
  type ErrorMessage,
  type ErrorMessageKey,
  type MessageLanguage,
} from '@lieux/contracts';

/**
 * A refusal's words: a key of the contracts' catalogue (with its parameters); the text in each language
 * when it is put together from other texts; or `said`, a text already written in the request's language
 * (the schemas' field messages, the password check, which are chosen as the request is parsed).
 */
export type DomainMessage =
  ErrorMessageKey | ErrorMessage | Readonly<Record<MessageLanguage, string>> | { readonly said: string };

export interface FieldError {
  path: string;
  message: DomainMessage;
}

/** The words of `message` in `lang`. */
export function say(message: DomainMessage, lang: MessageLanguage): string {
  if (typeof message === 'object' && 'said' in message) return message.said;
  if (typeof message === 'object' && 'fr' in message) return message[lang];
  return errorText(message, lang);
}

/**
 * A refusal the person can act on. Carries a stable code (the web maps it to its own words) and its
 * message keyed in the contracts' catalogue; the global filter writes it out in the request's language
 * and turns it into problem+json. `message` (for logs) is the French text.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: DomainMessage,
    readonly errors?: FieldError[],
  ) {
    super(say(detail, 'fr'));
  }

  headers: Record<string, string> = {};

  /** Members the problem document carries besides the standard ones (RFC 9457 extensions). */
  extensions: Record<string, unknown> = {};

  withExtensions(extensions: Record<string, unknown>): this {
    this.extensions = { ...this.extensions, ...extensions };
    return this;
  }

  withHeaders(headers: Record<string, string>): this {
    this.headers = { ...this.headers, ...headers };
    return this;
  }
}

export const notFound = (what: Extract<ErrorMessageKey, `NOT_FOUND.${string}`>) =>
  new DomainException('NOT_FOUND', 404, what);
