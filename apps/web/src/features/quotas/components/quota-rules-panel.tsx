import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { CreateQuotaRequest, SPACE_KINDS, type QuotaRule } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { useCreateQuota, useDeleteQuota, useQuotaRules, type QuotaScope } from '../api/quotas';

type Form = {
  spaceKind: string;
  hoursPerWeek: number | null;
  hoursPerMonth: number | null;
  maxActiveBookings: number | null;
};

const schema = CreateQuotaRequest;
/** The three limits a rule may set: hours by the quarter, bookings by the unit. */
const LIMITS = [
  { name: 'hoursPerWeek', label: 'quotas.perWeek', hours: true },
  { name: 'hoursPerMonth', label: 'quotas.perMonth', hours: true },
  { name: 'maxActiveBookings', label: 'quotas.atOnce', hours: false },
] as const;
const blank = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));

/**
 * Fair-use quotas of a site (its managers) or national ones (admins): listed, set, removed. A site's page
 * also shows the national rules, which hold there too.
 */
export default function QuotaRulesPanel({ scope }: { scope: QuotaScope }) {
  const { t } = useTranslation();
  const rules = useQuotaRules(scope);
  if (rules.isPending) return <p role="status">{t('common.loading')}</p>;
  if (rules.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(rules.error, t)}
      </p>
    );
  return (
    <div className="stack">
      <p>{t('quotas.intro')}</p>
      <RulesTable rules={rules.data.items} scope={scope} caption={t('quotas.title')} />
      {'siteId' in scope && rules.data.national.length > 0 && (
        <>
          <h3>{t('quotas.national')}</h3>
          <RulesTable rules={rules.data.national} caption={t('quotas.national')} />
        </>
      )}
      <QuotaForm scope={scope} />
    </div>
  );
}

function RulesTable({ rules, scope, caption }: { rules: QuotaRule[]; scope?: QuotaScope; caption: string }) {
  const { t } = useTranslation();
  const remove = useDeleteQuota(scope ?? { national: true });
  if (rules.length === 0) return <p className="muted">{t('quotas.none')}</p>;
  const hours = (h: number | null) =>
    h === null ? '—' : t('quotas.hours', { count: h, hours: h.toLocaleString('fr-FR') });
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('quotas.organisation')}</th>
            <th scope="col">{t('quotas.kind')}</th>
            <th scope="col">{t('quotas.perWeek')}</th>
            <th scope="col">{t('quotas.perMonth')}</th>
            <th scope="col">{t('quotas.atOnce')}</th>
            {scope && (
              <th scope="col">
                <span className="visually-hidden">{t('quotas.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>{r.organisationName ?? t('quotas.everyOrganisation')}</td>
              <td>{r.spaceKind ? t(`spaces.kind.${r.spaceKind}`) : t('quotas.everyKind')}</td>
              <td>{hours(r.hoursPerWeek)}</td>
              <td>{hours(r.hoursPerMonth)}</td>
              <td>{r.maxActiveBookings ?? '—'}</td>
              {scope && (
                <td>
                  <button
                    type="button"
                    className="button button--ghost"
                    disabled={remove.isPending}
                    aria-label={t('quotas.removeLabel', {
                      who: r.organisationName ?? t('quotas.everyOrganisation'),
                      kind: r.spaceKind ? t(`spaces.kind.${r.spaceKind}`) : t('quotas.everyKind'),
                    })}
                    onClick={() => remove.mutate(r.id)}
                  >
                    {t('quotas.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {remove.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(remove.error, t)}
        </p>
      )}
    </div>
  );
}

function QuotaForm({ scope }: { scope: QuotaScope }) {
  const { t } = useTranslation();
  const id = useId();
  const [added, setAdded] = useState(false);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<Form>({
    // The kind's "every kind" is the empty choice; the contract reads null.
    resolver: (values, context, options) =>
      zodResolver(schema)(
        { ...values, spaceKind: values.spaceKind || null } as never,
        context,
        options as never,
      ) as never,
    defaultValues: { spaceKind: '', hoursPerWeek: null, hoursPerMonth: null, maxActiveBookings: null },
  });
  const create = useCreateQuota(scope);
  const number = { setValueAs: blank };
  return (
    <form
      className="form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={handleSubmit((v) => {
        setAdded(false);
        create.mutate(
          {
            spaceKind: (v.spaceKind || null) as CreateQuotaRequest['spaceKind'],
            hoursPerWeek: v.hoursPerWeek,
            hoursPerMonth: v.hoursPerMonth,
            maxActiveBookings: v.maxActiveBookings,
          },
          {
            onSuccess: () => {
              reset();
              setAdded(true);
            },
          },
        );
      })}
    >
      <h3 id={`${id}-title`}>{t('quotas.add')}</h3>
      <p className="muted">{t('quotas.addHint')}</p>
      <Field label={t('quotas.kind')} className="field--medium">
        {(c) => (
          <select {...c} {...register('spaceKind')}>
            <option value="">{t('quotas.everyKind')}</option>
            {SPACE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`spaces.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__row">
        {LIMITS.map(({ name, label, hours }) => (
          <Field
            key={name}
            label={t(label)}
            hint={hours ? t('quotas.hoursHint') : undefined}
            error={errors[name]?.message}
          >
            {(c) => (
              <input
                {...c}
                type="number"
                inputMode={hours ? 'decimal' : 'numeric'}
                min={hours ? 0.25 : 1}
                step={hours ? 0.25 : 1}
                {...register(name, number)}
              />
            )}
          </Field>
        ))}
      </div>
      <div role="status">{added && <p className="alert alert--success">{t('quotas.added')}</p>}</div>
      {create.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(create.error, t)}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('quotas.submit')}
        </button>
      </div>
    </form>
  );
}
