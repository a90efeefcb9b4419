import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking, WaitlistEntry } from '@lieux/contracts';
import { formatDate, formatTime } from '@lieux/scheduling';
import { useAcceptOffer, useLeaveWaitlist, useMyWaitlist } from '../../features/waitlist/api/waitlist';
import { usePageTitle } from '../../hooks/use-page-title';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/error-message';
import { currentLanguage } from '../../lib/i18n';
import { paths } from '../paths';
import { useState } from 'react';

/** My organisation's waiting-list entries; `/liste-attente/:entryId` (the e-mail's link) puts one offer first. */
export function WaitlistPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { entryId } = useParams();
  usePageTitle(t('waitlist.title'));
  const list = useMyWaitlist();
  const accept = useAcceptOffer();
  const leave = useLeaveWaitlist();
  const [booked, setBooked] = useState<Booking | null>(null);

  const items = list.data?.items ?? [];
  const focused = entryId ? items.find((e) => e.id === entryId) : undefined;
  const when = (e: { start: string; end: string; timeZone: string }) =>
    `${formatDate(e.start, e.timeZone, lang)}, ${formatTime(e.start, e.timeZone, lang)} – ${formatTime(e.end, e.timeZone, lang)}`;

  const actions = (e: WaitlistEntry) => (
    <>
      {e.status === 'offered' && (
        <button
          type="button"
          className="button button--primary"
          disabled={accept.isPending}
          onClick={() => accept.mutate(e.id, { onSuccess: setBooked })}
        >
          {t('waitlist.accept')}
        </button>
      )}
      {(e.status === 'waiting' || e.status === 'offered') && (
        <button
          type="button"
          className="button button--secondary"
          disabled={leave.isPending}
          onClick={() => leave.mutate(e.id)}
        >
          {e.status === 'offered' ? t('waitlist.decline') : t('waitlist.leave')}
        </button>
      )}
    </>
  );

  return (
    <div className="page">
      <h1>{t('waitlist.title')}</h1>
      <p className="lead">{t('waitlist.intro')}</p>
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(list.error, t)}
        </p>
      )}
      {booked && (
        <div className="alert alert--success" role="status">
          <p>
            <strong>{t('waitlist.accepted')}</strong> {booked.spaceName}, {when(booked)}.
          </p>
          <p>
            <Link to={paths.myBookings}>{t('confirmation.seeMine')}</Link>
          </p>
        </div>
      )}
      {accept.isError && (
        <p className="alert alert--warning" role="alert">
          {accept.error instanceof ApiError && accept.error.code === 'SLOT_TAKEN'
            ? t('waitlist.takenMeanwhile')
            : errorMessage(accept.error, t)}
        </p>
      )}
      {entryId && list.data && !focused && <p className="alert alert--info">{t('waitlist.offerNotFound')}</p>}
      {focused && !booked && (
        <section className="card" aria-labelledby="offer-title">
          <h2 id="offer-title">
            {focused.status === 'offered' ? t('waitlist.offerTitle') : t(`waitlist.status.${focused.status}`)}
          </h2>
          <p>
            <strong>{focused.spaceName}</strong> · {focused.siteName}
          </p>
          <p>{when(focused)}</p>
          {focused.offerExpiresAt && (
            <p>
              {t('waitlist.deadline', {
                date: formatDate(focused.offerExpiresAt, focused.timeZone, lang),
                time: formatTime(focused.offerExpiresAt, focused.timeZone, lang),
              })}
            </p>
          )}
          <div className="actions">{actions(focused)}</div>
        </section>
      )}
      {list.data && items.length === 0 && <p className="empty">{t('waitlist.empty')}</p>}
      {items.length > 0 && (
        <table className="table">
          <caption>{t('waitlist.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('waitlist.space')}</th>
              <th scope="col">{t('waitlist.when')}</th>
              <th scope="col">{t('waitlist.statusLabel')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('waitlist.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={paths.space(e.spaceId)}>{e.spaceName}</Link> · {e.siteName}
                  <br />
                  {e.title}
                </td>
                <td>{when(e)}</td>
                <td>{t(`waitlist.status.${e.status}`)}</td>
                <td>{actions(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
