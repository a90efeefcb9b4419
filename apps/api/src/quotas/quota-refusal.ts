import {
  spaceKindWords,
  type MessageLanguage,
  type QuotaStanding as QuotaStandingBody,
} from '@lieux/contracts';
import { formatMinutes, type QuotaStanding } from '@lieux/scheduling';
import { DomainException } from '../http/domain.exception';

/** A limit reached, in the booked site's words and zone, with its machine fields as `quota`. */
export function quotaRefusal(s: QuotaStanding, timeZone: string): DomainException {
  const text = (lang: MessageLanguage) => sentence(s, timeZone, lang);
  return new DomainException('QUOTA_EXCEEDED', 422, { fr: text('fr'), en: text('en') }).withExtensions({
    quota: standingBody(s),
  });
}

export function standingBody(s: QuotaStanding): QuotaStandingBody {
  return {
    kind: s.kind,
    ruleId: s.rule.id,
    scope: s.rule.siteId === null ? 'national' : 'site',
    spaceKind: s.rule.spaceKind as QuotaStandingBody['spaceKind'],
    limit: s.limit,
    used: s.used,
    remaining: s.remaining,
    windowStart: s.window && new Date(s.window.start).toISOString(),
    windowEnd: s.window && new Date(s.window.end).toISOString(),
  };
}

function sentence(s: QuotaStanding, timeZone: string, lang: MessageLanguage): string {
  const fr = lang === 'fr';
  const kind = s.rule.spaceKind && spaceKindWords(s.rule.spaceKind, lang);
  const national = s.rule.siteId === null;
  const where = fr
    ? `${kind ? `pour les espaces « ${kind} » de ce site` : 'sur ce site'}${national ? ' (règle nationale)' : ''}`
    : `${kind ? `for this site’s ${kind} spaces` : 'at this site'}${national ? ' (national rule)' : ''}`;
  const date = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(fr ? 'fr-FR' : 'en-GB', { ...options, timeZone }).format(s.window!.start);
  const duration = (m: number) => formatMinutes(m, lang);
  switch (s.kind) {
    case 'weekHours':
      return fr
        ? `Limite atteinte : ${duration(s.limit)} par semaine ${where} pour votre organisation ; il vous reste ${duration(s.remaining)} la semaine du ${date({ weekday: 'long', day: 'numeric', month: 'long' })}.`
        : `Limit reached: ${duration(s.limit)} a week ${where} for your organisation; you have ${duration(s.remaining)} left in the week of ${date({ weekday: 'long', day: 'numeric', month: 'long' })}.`;
    case 'monthHours':
      return fr
        ? `Limite atteinte : ${duration(s.limit)} par mois ${where} pour votre organisation ; il vous reste ${duration(s.remaining)} en ${date({ month: 'long', year: 'numeric' })}.`
        : `Limit reached: ${duration(s.limit)} a month ${where} for your organisation; you have ${duration(s.remaining)} left in ${date({ month: 'long', year: 'numeric' })}.`;
    case 'activeBookings':
      return fr
        ? `Limite atteinte : ${s.limit} réservation${s.limit > 1 ? 's' : ''} à venir à la fois ${where} pour votre organisation ; ${s.remaining === 0 ? 'il ne vous en reste aucune : annulez-en une ou attendez qu’elle soit passée' : `il vous en reste ${s.remaining}`}.`
        : `Limit reached: ${s.limit} upcoming booking${s.limit > 1 ? 's' : ''} at once ${where} for your organisation; ${s.remaining === 0 ? 'you have none left: cancel one or wait until it has passed' : `you have ${s.remaining} left`}.`;
  }
}

/**
 * What is left, as the booking dialog shows it before the organisation asks: « Il vous reste 6 h cette
 * semaine et 14 h ce mois-ci sur ce site ; 2 réservations à venir possibles. » Null when no quota holds.
 */
export function leftSentence(
  left: { week: number | null; month: number | null; active: number | null },
  lang: MessageLanguage,
): string | null {
  const fr = lang === 'fr';
  const hours = [
    left.week !== null && `${formatMinutes(left.week, lang)} ${fr ? 'cette semaine' : 'this week'}`,
    left.month !== null && `${formatMinutes(left.month, lang)} ${fr ? 'ce mois-ci' : 'this month'}`,
  ].filter(Boolean);
  const n = left.active;
  const active =
    n === null
      ? null
      : fr
        ? `${n} réservation${n > 1 ? 's' : ''} à venir possible${n > 1 ? 's' : ''}`
        : `${n} more upcoming booking${n === 1 ? '' : 's'} possible`;
  const said = hours.length
    ? fr
      ? `Il vous reste ${hours.join(' et ')} sur ce site`
      : `You have ${hours.join(' and ')} left at this site`
    : null;
  if (!said && !active) return null;
  if (!said) return fr ? `Sur ce site : ${active}.` : `At this site: ${active}.`;
  return `${said}${active ? `${fr ? ' ; ' : '; '}${active}` : ''}.`;
}
