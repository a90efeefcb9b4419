import { useState } from 'react';
import { ListStatus } from '../../../components/list-status';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '@lieux/contracts';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { useNotice } from '../../../hooks/use-notice';
import { useDecideOrganisation } from '../api/decide-organisation';
import { useOrganisations } from '../api/get-organisations';
import { Contact, DecisionHistory, Identifiers } from './organisation-review';
import { RejectDialog } from './reject-dialog';

/**
 * Verified organisations, with their public records, contact and history, each with a way to withdraw
 * its verification (with a reason).
 */
export function VerifiedOrganisations() {
  const { t } = useTranslation();
  const list = useOrganisations('verified');
  const [withdrawing, setWithdrawing] = useState<Organisation | null>(null);
  const { announce, slot: noticeSlot } = useNotice();

  const decide = useDecideOrganisation({
    onSuccess: (o) => {
      setWithdrawing(null);
      announce({ kind: 'success', text: t('verifications.withdrawn', { name: o.name }) });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'ALREADY_DECIDED') {
        announce({
          kind: 'error',
          text: t('verifications.alreadyDecided', { name: withdrawing?.name ?? '' }),
        });
        setWithdrawing(null);
      }
    },
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = {
    identifiers: t('verifications.columns.identifiers'),
    contact: t('verifications.columns.contact'),
    commune: t('verifications.columns.commune'),
  };

  return (
    <>
      {noticeSlot}
      <ListStatus
        query={list}
        isEmpty={items.length === 0}
        empty={<p>{t('verifications.verifiedList.empty')}</p>}
      />
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table table--cards verification-table">
            <caption>{t('verifications.verifiedList.caption', { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('verifications.columns.organisation')}</th>
                <th scope="col">{columns.identifiers}</th>
                <th scope="col">{columns.contact}</th>
                <th scope="col">{columns.commune}</th>
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
                    <DecisionHistory organisation={o} />
                  </th>
                  <td data-label={columns.identifiers}>
                    <Identifiers organisation={o} />
                  </td>
                  <td data-label={columns.contact}>
                    <Contact contact={o.contact} />
                  </td>
                  <td data-label={columns.commune}>
                    {o.commune} ({o.postcode})
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={decide.isPending}
                      aria-label={t('verifications.withdraw.label', { name: o.name })}
                      onClick={() => {
                        decide.reset();
                        setWithdrawing(o);
                      }}
                    >
                      {t('verifications.withdraw.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {t('verifications.more')}
        </button>
      )}
      {withdrawing && (
        <RejectDialog
          key={withdrawing.id}
          kind="withdraw"
          organisation={withdrawing}
          pending={decide.isPending}
          error={decide.isError ? errorMessage(decide.error, t) : undefined}
          onConfirm={(reason) => decide.mutate({ kind: 'withdraw', id: withdrawing.id, reason })}
          onClose={() => setWithdrawing(null)}
        />
      )}
    </>
  );
}
