import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCOUNT_BASES, type SiteDiscounts } from '@lieux/contracts';
import { errorMessage } from '../../../lib/error-message';
import { useSiteDiscounts } from '../../../api/site-discounts';
import { useSetSiteDiscounts } from '../api/site-discounts';

type Basis = (typeof DISCOUNT_BASES)[number];

/** The site's solidarity discounts: a percent per legal form, and one for ESUS-approved organisations. */
export function DiscountsPanel({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const current = useSiteDiscounts(siteId);
  if (current.isPending) return <p role="status">{t('common.loading')}</p>;
  if (current.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(current.error, t)}
      </p>
    );
  return <DiscountsForm siteId={siteId} initial={current.data} />;
}

function DiscountsForm({ siteId, initial }: { siteId: string; initial: SiteDiscounts }) {
  const { t } = useTranslation();
  const id = useId();
  const save = useSetSiteDiscounts(siteId);
  const [values, setValues] = useState<Record<Basis, string>>(
    () =>
      Object.fromEntries(
        DISCOUNT_BASES.map((b) => [b, String(initial.discounts.find((d) => d.basis === b)?.percent ?? '')]),
      ) as Record<Basis, string>,
  );
  const invalid = DISCOUNT_BASES.filter((b) => {
    const v = values[b].trim();
    return v !== '' && !(/^\d{1,3}$/.test(v) && Number(v) <= 100);
  });
  const [saved, setSaved] = useState(false);

  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (invalid.length > 0) return;
        const discounts = DISCOUNT_BASES.filter((b) => Number(values[b]) > 0).map((basis) => ({
          basis,
          percent: Number(values[basis]),
        }));
        setSaved(false);
        save.mutate({ discounts }, { onSuccess: () => setSaved(true) });
      }}
    >
      <p className="muted">{t('discounts.intro')}</p>
      <div className="table-wrap">
        <table className="table table--compact">
          <caption className="visually-hidden">{t('discounts.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('discounts.basis')}</th>
              <th scope="col">{t('discounts.percent')}</th>
            </tr>
          </thead>
          <tbody>
            {DISCOUNT_BASES.map((b) => (
              <tr key={b}>
                <th scope="row">
                  <label htmlFor={`${id}-${b}`}>
                    {b === 'esus' ? t('discounts.esus') : t(`legalForms.${b}`)}
                  </label>
                </th>
                <td>
                  <input
                    id={`${id}-${b}`}
                    inputMode="numeric"
                    size={4}
                    value={values[b]}
                    aria-invalid={invalid.includes(b) ? true : undefined}
                    onChange={(e) => setValues({ ...values, [b]: e.target.value })}
                  />{' '}
                  %
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invalid.length > 0 && (
        <p className="field__error" role="alert">
          {t('discounts.invalid')}
        </p>
      )}
      {save.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(save.error, t)}
        </p>
      )}
      {saved && (
        <p className="alert alert--success" role="status">
          {t('discounts.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {t('discounts.save')}
        </button>
      </div>
    </form>
  );
}
