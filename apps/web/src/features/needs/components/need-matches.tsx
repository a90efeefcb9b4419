import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BookNeedResponse, Need, NeedMatch } from '@lieux/contracts';
import { formatDate, formatMoney, formatTimeRange } from '@lieux/scheduling';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { errorMessage, fieldMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { paths } from '../../../app/paths';
import { useBookNeed } from '../api/needs';

/** A refusal code of the booking path (`SLOT_TAKEN`, `HOLIDAY`…), in a few words; "not available" otherwise. */
export function reasonText(t: TFunction, code: string | null): string {
  if (!code) return '';
  return t(`needs.reasons.${code}`, { defaultValue: t('needs.reasons.other') });
}

const km = (n: number, lang: string) =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n);

/**
 * The spaces meeting a need, best first (as the API ranks them): how many of the wanted occurrences are
 * free, how far, the price after the organisation's discount, whether the manager approves; each with one
 * action that books every free occurrence.
 */
export function NeedMatches({
  need,
  matches,
  spaceLink,
  onBooked,
}: {
  need: Need;
  matches: NeedMatch[];
  spaceLink: (spaceId: string) => string;
  /** What the booking did: the page keeps it, as the match may be gone once its slots are taken. */
  onBooked: (match: NeedMatch, response: BookNeedResponse) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [booking, setBooking] = useState<NeedMatch | null>(null);
  const bookable = need.status === 'open' || need.status === 'matched';

  return (
    <>
      <ol className="need-matches plain-list">
        {matches.map((m) => (
          <li key={m.spaceId} className="card need-match">
            <h3 className="need-match__title">
              <Link to={spaceLink(m.spaceId)}>{m.spaceName}</Link>
              <span className="muted"> · {m.site.name}</span>
            </h3>
            <p className="need-match__free">
              <strong>
                {t('needs.matches.free', { free: m.occurrencesFree, count: m.occurrencesWanted })}
              </strong>
            </p>
            <ul className="need-facts">
              <li>{t(`spaces.kind.${m.kind}`)}</li>
              <li>{t('needs.matches.area', { area: km(m.areaM2, lang) })}</li>
              <li>{t('spaces.capacity', { count: m.capacity })}</li>
              {m.distanceKm !== null && (
                <li>{t('needs.matches.distance', { km: km(m.distanceKm, lang) })}</li>
              )}
              <li>
                {m.hourlyRateCents === 0
                  ? t('needs.matches.free_price')
                  : t('needs.matches.price', { price: formatMoney(m.hourlyRateCents, lang) })}
                {m.discountPercent > 0 && ` ${t('needs.matches.discount', { percent: m.discountPercent })}`}
              </li>
              {m.totalCents > 0 && (
                <li>{t('needs.matches.total', { total: formatMoney(m.totalCents, lang) })}</li>
              )}
              {m.approvalRequired && <li>{t('needs.matches.approval')}</li>}
            </ul>
            <details className="need-match__occurrences">
              <summary>{t('needs.matches.occurrences')}</summary>
              <ul className="plain-list">
                {m.occurrences.map((o) => (
                  <li key={o.start} className={o.free ? undefined : 'muted'}>
                    {formatDate(o.start, m.site.timeZone, lang)},{' '}
                    {formatTimeRange(o.start, o.end, m.site.timeZone, lang)} —{' '}
                    {o.free ? t('needs.matches.freeOne') : reasonText(t, o.reason)}
                  </li>
                ))}
              </ul>
            </details>
            {bookable && m.occurrencesFree > 0 && (
              <p>
                <button
                  type="button"
                  className="button button--primary"
                  aria-label={t('needs.matches.bookLabel', { space: m.spaceName })}
                  onClick={() => setBooking(m)}
                >
                  {t('needs.matches.book')}
                </button>
              </p>
            )}
          </li>
        ))}
      </ol>
      {booking && (
        <BookMatchDialog
          need={need}
          match={booking}
          onBooked={(response) => {
            onBooked(booking, response);
            setBooking(null);
          }}
          onClose={() => setBooking(null)}
        />
      )}
    </>
  );
}

/** Confirms the booking of every free occurrence of a match, under a title the bookings will carry. */
function BookMatchDialog({
  need,
  match,
  onBooked,
  onClose,
}: {
  need: Need;
  match: NeedMatch;
  onBooked: (r: BookNeedResponse) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [title, setTitle] = useState(need.purpose.slice(0, 120));
  const [missing, setMissing] = useState(false);
  const book = useBookNeed(need.id, { onSuccess: onBooked });
  return (
    <Modal
      title={t('needs.book.title', { space: match.spaceName })}
      description={
        <p>
          {t('needs.book.intro', { count: match.occurrencesFree })}
          {match.totalCents > 0 &&
            ` ${t('needs.book.total', { total: formatMoney(match.totalCents, lang) })}`}
          {match.approvalRequired && ` ${t('needs.book.approval')}`}
        </p>
      }
      busy={book.isPending}
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim().length < 2) return setMissing(true);
        book.mutate({ spaceId: match.spaceId, title: title.trim() });
      }}
      actions={
        <button type="submit" className="button button--primary" disabled={book.isPending}>
          {book.isPending
            ? t('needs.book.booking')
            : t('needs.book.submit', { count: match.occurrencesFree })}
        </button>
      }
    >
      <Field
        label={t('needs.book.bookingTitle')}
        hint={t('needs.book.bookingTitleHint')}
        error={missing ? t('needs.book.titleMissing') : fieldMessage(book.error, 'body.title')}
      >
        {(c) => (
          <input
            {...c}
            type="text"
            maxLength={120}
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              setMissing(false);
            }}
          />
        )}
      </Field>
      {book.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(book.error, t)}
        </p>
      )}
    </Modal>
  );
}

/** What the booking did: each occurrence booked or refused, with why. */
export function BookResult({ match, response }: { match: NeedMatch; response: BookNeedResponse }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const tz = match.site.timeZone;
  const booked = response.occurrences.filter((o) => o.status === 'booked').length;
  const refused = response.occurrences.length - booked;
  return (
    <section
      className={`alert ${refused ? 'alert--warning' : 'alert--success'}`}
      role="status"
      aria-labelledby="book-result"
    >
      <h3 id="book-result">
        {t('needs.result.title', { count: booked, space: match.spaceName })}
        {refused > 0 && ` ${t('needs.result.refused', { count: refused })}`}
      </h3>
      {response.series && <p>{response.series.summary}</p>}
      <ul className="plain-list need-result">
        {response.occurrences.map((o) => (
          <li key={o.start}>
            {formatDate(o.start, tz, lang)}, {formatTimeRange(o.start, o.end, tz, lang)} —{' '}
            {o.status === 'booked'
              ? t('needs.result.booked')
              : t('needs.result.refusedOne', {
                  reason: o.reason && lang === 'fr' ? o.reason : reasonText(t, o.code),
                })}
          </li>
        ))}
      </ul>
      <p>
        <Link to={paths.myBookings}>{t('confirmation.seeMine')}</Link>
      </p>
    </section>
  );
}
