import { useState } from 'react';
import { ListStatus } from '../../../components/list-status';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '@lieux/contracts';
import { formatDate } from '@lieux/scheduling';
import { ApiError } from '../../../lib/api-client';
import { formatCalendarDate } from '../../../lib/calendar-date';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useDecideOrganisation, type Decision } from '../api/decide-organisation';
import { usePendingOrganisations } from '../api/get-organisations';
import { RejectDialog } from './reject-dialog';
import { useNotice } from '../../../hooks/use-notice';

const formatSiret = (s: string) => s.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');

/** Organisations awaiting verification, with their identifiers, and the decision on each. */
export function VerificationQueue() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queue = usePendingOrganisations();
  const [rejecting, setRejecting] = useState<Organisation | null>(null);

  const { announce, slot: noticeSlot } = useNotice();
  const nameOf = (d: Decision) =>
    queue.data?.pages.flatMap((p) => p.items).find((o) => o.id === d.id)?.name ?? rejecting?.name ?? '';

  const decide = useDecideOrganisation({
    onSuccess: (o, d) => {
      setRejecting(null);
      announce({
        kind: 'success',
        text: t(d.kind === 'verify' ? 'verifications.verified' : 'verifications.rejected', { name: o.name }),
      });
    },
    onError: (error, d) => {
      if (error instanceof ApiError && error.code === 'ALREADY_DECIDED') {
        setRejecting(null);
        announce({ kind: 'error', text: t('verifications.alreadyDecided', { name: nameOf(d) }) });
      } else if (d.kind === 'verify') {
        announce({ kind: 'error', text: errorMessage(error, t) });
      }
    },
  });

  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      {noticeSlot}
      <ListStatus query={queue} isEmpty={items.length === 0} empty={<p>{t('verifications.empty')}</p>} />
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('verifications.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('verifications.columns.organisation')}</th>
                <th scope="col">{t('verifications.columns.identifiers')}</th>
                <th scope="col">{t('verifications.columns.commune')}</th>
                <th scope="col">{t('verifications.columns.date')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('verifications.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <span className="block">{o.name}</span>
                    <span className="muted block">{t(`legalForms.${o.legalForm}`)}</span>
                  </th>
                  <td>
                    <dl className="inline-facts">
                      <div>
                        <dt>{t('verifications.siret')}</dt>
                        <dd className="nowrap">{formatSiret(o.siret)}</dd>
                      </div>
                      {o.rna && (
                        <div>
                          <dt>{t('verifications.rna')}</dt>
                          <dd>{o.rna}</dd>
                        </div>
                      )}
                      {o.esusExpiresOn && (
                        <div>
                          <dt>{t('verifications.esus')}</dt>
                          <dd>
                            {t('verifications.esusUntil', {
                              date: formatCalendarDate(o.esusExpiresOn, lang),
                            })}{' '}
                            {o.esusExpired && (
                              <span className="status status--rejected">
                                {t('verifications.esusExpired')}
                              </span>
                            )}
                          </dd>
                        </div>
                      )}
                    </dl>
                  </td>
                  <td>
                    <span className="block">
                      {o.commune} ({o.postcode})
                    </span>
                    <span className="muted block">{o.address}</span>
                  </td>
                  <td>{formatDate(o.createdAt, 'Europe/Paris', lang)}</td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={decide.isPending}
                        aria-label={t('verifications.verifyLabel', { name: o.name })}
                        onClick={() => decide.mutate({ kind: 'verify', id: o.id })}
                      >
                        {t('verifications.verify')}
                      </button>
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={decide.isPending}
                        aria-label={t('verifications.rejectLabel', { name: o.name })}
                        onClick={() => {
                          decide.reset();
                          setRejecting(o);
                        }}
                      >
                        {t('verifications.reject.open')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void queue.fetchNextPage()}
          disabled={queue.isFetchingNextPage}
        >
          {t('verifications.more')}
        </button>
      )}
      {rejecting && (
        <RejectDialog
          key={rejecting.id}
          organisation={rejecting}
          pending={decide.isPending}
          error={decide.isError ? errorMessage(decide.error, t) : undefined}
          onConfirm={(reason) => decide.mutate({ kind: 'reject', id: rejecting.id, reason })}
          onClose={() => setRejecting(null)}
        />
      )}
    </>
  );
}
