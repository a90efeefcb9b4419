import '../../../styles/staff.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation, OrganisationUnderReview } from '@lieux/contracts';
import { formatDate, formatTime } from '@lieux/scheduling';
import { formatCalendarDate } from '../../../lib/calendar-date';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useOrganisationDecisions } from '../api/get-decisions';

export const formatSiret = (s: string) => s.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');

/** The public records a delegate checks an organisation against: the State's company directory. */
export const siretRecord = (siret: string) =>
  `https://annuaire-entreprises.data.gouv.fr/etablissement/${siret}`;
// The directory finds an association by its RNA number and links its record in the RNA.
export const rnaRecord = (rna: string) =>
  `https://annuaire-entreprises.data.gouv.fr/rechercher?terme=${encodeURIComponent(rna)}`;

/** A link to a public record, in a new tab (the queue stays as it was), saying so to screen readers. */
function RecordLink({ href, label, children }: { href: string; label: string; children: string }) {
  const { t } = useTranslation();
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={t('verifications.newTab', { text: children, label })}
    >
      {children}
    </a>
  );
}

/** SIRET, RNA and ESUS approval, each with the public record it can be checked against. */
export function Identifiers({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <dl className="inline-facts">
      <div>
        <dt>{t('verifications.siret')}</dt>
        <dd className="nowrap">
          <RecordLink href={siretRecord(o.siret)} label={t('verifications.siretRecord', { name: o.name })}>
            {formatSiret(o.siret)}
          </RecordLink>
        </dd>
      </div>
      {o.rna && (
        <div>
          <dt>{t('verifications.rna')}</dt>
          <dd>
            <RecordLink href={rnaRecord(o.rna)} label={t('verifications.rnaRecord', { name: o.name })}>
              {o.rna}
            </RecordLink>
          </dd>
        </div>
      )}
      {o.esusExpiresOn && (
        <div>
          <dt>{t('verifications.esus')}</dt>
          <dd>
            {t('verifications.esusUntil', { date: formatCalendarDate(o.esusExpiresOn, lang) })}{' '}
            {o.esusExpired && (
              <span className="status status--rejected">{t('verifications.esusExpired')}</span>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Whom to ask about the organisation: the person who registered it (or whoever is left of it). */
export function Contact({ contact }: { contact: OrganisationUnderReview['contact'] }) {
  const { t } = useTranslation();
  if (!contact) return <span className="muted">{t('verifications.noContact')}</span>;
  return (
    <>
      <span className="block">{contact.displayName}</span>
      <a className="block contact-email" href={`mailto:${contact.email}`}>
        {contact.email}
      </a>
    </>
  );
}

/** The organisation's verifications, refusals and withdrawals, fetched when the person opens them. */
export function DecisionHistory({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [open, setOpen] = useState(false);
  const decisions = useOrganisationDecisions(o.id, open);
  return (
    <details className="decision-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t('verifications.history.open')}
        <span className="visually-hidden"> ({o.name})</span>
      </summary>
      {decisions.isPending && open && <p role="status">{t('common.loading')}</p>}
      {decisions.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(decisions.error, t)}
        </p>
      )}
      {decisions.data &&
        (decisions.data.items.length === 0 ? (
          <p>{t('verifications.history.none')}</p>
        ) : (
          <ul className="history">
            {decisions.data.items.map((d) => (
              <li key={`${d.at}-${d.action}`}>
                <strong>{t(`verifications.history.actions.${d.action}`)}</strong>{' '}
                {t('verifications.history.when', {
                  date: formatDate(d.at, 'Europe/Paris', lang),
                  time: formatTime(d.at, 'Europe/Paris', lang),
                })}
                {', '}
                {d.by ? t('verifications.history.by', { name: d.by }) : t('verifications.history.byGone')}
                {d.reason && (
                  <span className="block decision-history__reason">
                    {t('verifications.history.reason', { reason: d.reason })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        ))}
    </details>
  );
}
