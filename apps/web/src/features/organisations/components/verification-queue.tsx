import '../../../styles/staff.css';
import { useState } from 'react';
import { ListStatus } from '../../../components/list-status';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '@lieux/contracts';
import { formatDate } from '@lieux/scheduling';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useDecideOrganisation, type Decision } from '../api/decide-organisation';
import { useOrganisations } from '../api/get-organisations';
import { Contact, DecisionHistory, Identifiers } from './organisation-review';
import { RejectDialog } from './reject-dialog';
import { useNotice } from '../../../hooks/use-notice';

/**
 * Organisations awaiting verification (or refused, to reconsider), with their identifiers and public
 * records, whom to contact, their past decisions, and the decision on each.
 */
export function VerificationQueue({ verification = 'pending' }: { verification?: 'pending' | 'rejected' }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queue = useOrganisations(verification);
  const [rejecting, setRejecting] = useState<Organisation | null>(null);
  const list = verification === 'pending' ? 'verifications' : 'verifications.rejectedList';

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
  const columns = {
    identifiers: t('verifications.columns.identifiers'),
    contact: t('verifications.columns.contact'),
    commune: t('verifications.columns.commune'),
    date: t('verifications.columns.date'),
    actions: t('verifications.columns.actions'),
  };

  return (
    <>
      {noticeSlot}
      <ListStatus query={queue} isEmpty={items.length === 0} empty={<p>{t(`${list}.empty`)}</p>} />
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table table--cards verification-table">
            <caption>{t(`${list}.caption`, { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('verifications.columns.organisation')}</th>
                <th scope="col">{columns.identifiers}</th>
                <th scope="col">{columns.contact}</th>
                <th scope="col">{columns.commune}</th>
                <th scope="col">{columns.date}</th>
                <th scope="col">
                  <span className="visually-hidden">{columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <span className="block">{o.name}</span>
                    <span className="muted block">{t(`legalForms.${o.legalForm}`)}</span>
                    {verification === 'rejected' && <DecisionHistory organisation={o} />}
                  </th>
                  <td data-label={columns.identifiers}>
                    <Identifiers organisation={o} />
                  </td>
                  <td data-label={columns.contact}>
                    <Contact contact={o.contact} />
                  </td>
                  <td data-label={columns.commune}>
                    <span className="block">
                      {o.commune} ({o.postcode})
                    </span>
                    <span className="muted block">{o.address}</span>
                  </td>
                  <td data-label={columns.date}>{formatDate(o.createdAt, 'Europe/Paris', lang)}</td>
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
                      {verification === 'pending' && (
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
                      )}
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
