import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { useBookings } from '../../features/bookings/api/booking-lifecycle';
import { CheckInButton } from '../../features/bookings/components/check-in-button';
import { useSpace } from '../../features/spaces/api/get-space';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { formatTimeRange } from '@lieux/scheduling';
import { currentLanguage } from '../../lib/i18n';
import { paths } from '../paths';
import '../../styles/manage.css';

/** The address a space's door QR code opens: its check-in page (sign-in first, then back). */
export const checkInUrl = (spaceId: string) => `${window.location.origin}${paths.checkIn(spaceId)}`;

/**
 * What the QR code on a space's door opens: the signed-in member's bookings happening now in this space
 * (from 15 minutes before their start), each checked in with one tap.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { spaceId = '' } = useParams();
  usePageTitle(t('checkIn.title'));
  // Fixed once per visit: bookings that end after now and start within the next quarter of an hour.
  const span = useMemo(() => {
    const now = Date.now();
    return { from: new Date(now).toISOString(), to: new Date(now + 15 * 60_000).toISOString() };
  }, []);
  const bookings = useBookings({ spaceId, status: ['confirmed'], ...span, mine: 'true' });
  const mine = bookings.data?.items ?? [];
  return (
    <div className="page page--form">
      <h1>{t('checkIn.title')}</h1>
      {bookings.isPending && <p role="status">{t('common.loading')}</p>}
      {bookings.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(bookings.error, t)}
        </p>
      )}
      {bookings.isSuccess && mine.length === 0 && (
        <>
          <p className="lead">{t('checkIn.none')}</p>
          <Link to={paths.myBookings}>{t('checkIn.myBookings')}</Link>
        </>
      )}
      {mine.length > 0 && (
        <ul className="stack" aria-label={t('checkIn.listLabel')}>
          {mine.map((b) => (
            <li key={b.id} className="card" data-booking-id={b.id}>
              <h2>{b.title}</h2>
              <p>
                {b.spaceName} · {b.siteName}
                <span className="block">{formatTimeRange(b.start, b.end, b.timeZone, lang)}</span>
              </p>
              <CheckInButton booking={b} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A space's door page, to print and pin on its door: its name, its site's address, and a QR code that
 * opens the check-in for this space.
 */
export function DoorPage() {
  const { t } = useTranslation();
  const { spaceId = '' } = useParams();
  const space = useSpace(spaceId);
  const url = checkInUrl(spaceId);
  const [qr, setQr] = useState<string | null>(null);
  usePageTitle(space.data ? t('checkIn.door.title', { name: space.data.name }) : t('checkIn.title'));
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 }).then(
      (data) => live && setQr(data),
    );
    return () => {
      live = false;
    };
  }, [url]);
  if (space.isError)
    return (
      <p className="page alert alert--error" role="alert">
        {errorMessage(space.error, t)}
      </p>
    );
  if (!space.data)
    return (
      <p className="page" role="status">
        {t('common.loading')}
      </p>
    );
  const s = space.data;
  return (
    <div className="page door-page">
      <p className="breadcrumb">
        <Link to={paths.editSpace(s.id)}>
          <span aria-hidden="true">← </span>
          {s.name}
        </Link>
      </p>
      <h1>{s.name}</h1>
      <p className="lead">
        {s.site.name}
        <span className="block">
          {s.site.address}, {s.site.postcode} {s.site.commune}
        </span>
      </p>
      {s.policy.checkInMinutes !== null && (
        <p>{t('checkIn.door.rule', { count: s.policy.checkInMinutes })}</p>
      )}
      <figure className="door-page__qr">
        {qr ? (
          <img
            src={qr}
            width={320}
            height={320}
            alt={t('checkIn.door.qrAlt', { name: s.name })}
            data-check-in-url={url}
          />
        ) : (
          <span role="status">{t('common.loading')}</span>
        )}
        <figcaption>
          {t('checkIn.door.scan')}
          <span className="block door-page__url">{url}</span>
        </figcaption>
      </figure>
      <button type="button" className="button button--primary" onClick={() => window.print()}>
        {t('checkIn.door.print')}
      </button>
    </div>
  );
}
