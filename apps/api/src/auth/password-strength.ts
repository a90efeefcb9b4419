import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';
import { inMessageLanguage, text, type MessageLanguage } from '@lieux/contracts';
import { DomainException } from '../http/domain.exception';

/** zxcvbn's 0–4 scale: 3 is "safely unguessable" against an online attack slowed by throttling and argon2. */
const MIN_SCORE = 3;

/** Words of the product itself, which a person may be tempted to use. */
const SITE_WORDS = ['lieux partagés', 'lieuxpartages', 'lieux-partages', 'la poste', 'laposte'];

// Built on first use: ranking the dictionaries takes a few hundred milliseconds, which a worker or a
// command that never checks a password should not pay.
let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...fr.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return estimator;
}

const WARNINGS: Record<MessageLanguage, Record<string, string>> = {
  fr: fr.translations.warnings,
  en: en.translations.warnings,
};

/** Lower case, no accents, letters and digits only: "Inès.Durand" and "inesdurand" are the same. */
const folded = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export interface PasswordOwner {
  email: string;
  displayName?: string | null;
}

/**
 * Refuses a password that is easy to guess (repeated or sequential characters, a common password or
 * word, the person's own e-mail or name), with a 400 naming the field and saying why and what to do.
 * Only for passwords people choose: the demo password is set by configuration and never goes through here.
 */
export function assertStrongPassword(
  password: string,
  owner: PasswordOwner,
  field: string,
  lang: MessageLanguage,
): void {
  const local = owner.email.split('@')[0] ?? '';
  const name = owner.displayName ?? '';
  const inputs = [owner.email, local, ...local.split(/[._+-]+/), name, ...name.split(/\s+/), ...SITE_WORDS]
    .map((s) => s.trim())
    .filter((s) => s.length >= 3);
  const personal = [local, name].map(folded).filter((s) => s.length >= 4);
  let warning: string | null;
  if (personal.some((p) => folded(password).includes(p))) {
    // zxcvbn gives a name followed by a year a passing score; we do not.
    warning = 'userInputs';
  } else {
    const result = zxcvbn().check(password, inputs);
    if (result.score >= MIN_SCORE) return;
    warning = result.feedback.warning;
  }
  const message = inMessageLanguage(lang, () =>
    text('password.weak', {
      reason: ((warning && WARNINGS[lang][warning]) || text('password.weakReason')).replace(/\.?$/, '.'),
    }),
  );
  throw new DomainException('VALIDATION_FAILED', 400, { said: message }, [
    { path: field, message: { said: message } },
  ]);
}
