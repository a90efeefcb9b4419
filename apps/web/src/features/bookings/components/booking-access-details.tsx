import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { errorMessage } from '../../../lib/error-message';
import { useBooking } from '../api/get-booking';

/**
 * "Accès": the floor, the entrance, how to get in and whom to call, for a confirmed booking (the API tells
 * them to its organisation only once confirmed). Nothing for a booking in any other state.
 */
export function BookingAccessDetails({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const id = useId();
  const confirmed = booking.status === 'confirmed';
  const detail = useBooking(booking.id, confirmed);
  if (!confirmed) return null;
  if (detail.isPending) return <p role="status">{t('common.loading')}</p>;
  if (detail.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(detail.error, t)}
      </p>
    );
  const access = detail.data.access;
  if (!access) return null;
  const contact = [access.contact.name, access.contact.phone, access.contact.email].filter(Boolean);
  const facts = (
    [
      [t('bookingAccess.floor'), access.floor],
      [t('bookingAccess.entrance'), access.entrance],
      [t('bookingAccess.method'), access.method ? t(`bookingAccess.methods.${access.method}`) : ''],
      [t('bookingAccess.instructions'), access.instructions],
      [t('bookingAccess.siteNotes'), access.siteNotes],
    ] as const
  ).filter(([, value]) => value !== '');
  return (
    <section className="booking-access" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('bookingAccess.title')}</h3>
      {facts.length === 0 && contact.length === 0 ? (
        <p className="muted">{t('bookingAccess.none')}</p>
      ) : (
        <dl className="inline-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          {contact.length > 0 && (
            <div>
              <dt>{t('bookingAccess.contact')}</dt>
              <dd>
                {access.contact.name}
                {access.contact.phone && (
                  <>
                    {access.contact.name && ' · '}
                    <a href={`tel:${access.contact.phone.replace(/[^\d+]/g, '')}`}>{access.contact.phone}</a>
                  </>
                )}
                {access.contact.email && (
                  <>
                    {(access.contact.name || access.contact.phone) && ' · '}
                    <a href={`mailto:${access.contact.email}`}>{access.contact.email}</a>
                  </>
                )}
              </dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
