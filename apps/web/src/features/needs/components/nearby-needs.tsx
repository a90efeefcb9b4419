import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NearbyNeed, Site } from '@lieux/contracts';
import { ListStatus } from '../../../components/list-status';
import { Modal } from '../../../components/modal';
import { Field } from '../../../components/field';
import { useNotice } from '../../../hooks/use-notice';
import { errorMessage, fieldMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useContactNeed, useNearbyNeeds } from '../api/needs';
import { scheduleSummary, sentence, spaceWanted } from '../need-summary';
import '../../../styles/needs.css';

const km = (n: number, lang: string) =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n);

/**
 * "Demande à proximité": the open needs within reach of a site, what and when, and how many of their
 * occurrences the site's spaces could host if it opened at those hours; anonymous unless the organisation
 * chose to be contactable, when the manager may write to it (no address is disclosed either way).
 */
export default function NearbyNeeds({ site }: { site: Site }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const needs = useNearbyNeeds(site.id);
  const items = needs.data?.pages.flatMap((p) => p.items) ?? [];
  const [writing, setWriting] = useState<NearbyNeed | null>(null);
  const { announce, slot } = useNotice();

  return (
    <div className="stack">
      <p className="muted">{t('needsNearby.intro')}</p>
      {slot}
      <ListStatus query={needs} isEmpty={items.length === 0} empty={<p>{t('needsNearby.empty')}</p>} />
      {items.length > 0 && (
        <ul className="plain-list need-list">
          {items.map((n) => (
            <li key={n.needId} className="card need-card">
              <h3 className="need-card__title">{n.purpose}</h3>
              <p>{sentence(spaceWanted(n, lang), scheduleSummary(n.schedule, lang))}</p>
              <ul className="need-facts">
                <li>{t(`essThemes.${n.theme}`)}</li>
                <li>
                  {n.communeName ?? t('needsNearby.departement', { code: n.departementCode })}
                  {n.distanceKm !== null && ` · ${t('needsNearby.distance', { km: km(n.distanceKm, lang) })}`}
                </li>
                <li>{n.matched ? t('needsNearby.matched') : t('needsNearby.unmatched')}</li>
                {n.organisationName && <li>{n.organisationName}</li>}
              </ul>
              <p>
                <strong>
                  {t('needsNearby.hostable', { hostable: n.occurrencesHostable, count: n.occurrencesWanted })}
                </strong>
              </p>
              {n.contactable ? (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('needsNearby.writeLabel', { purpose: n.purpose })}
                  onClick={() => setWriting(n)}
                >
                  {t('needsNearby.write')}
                </button>
              ) : (
                <p className="muted">{t('needsNearby.anonymous')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {needs.hasNextPage && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void needs.fetchNextPage()}
            disabled={needs.isFetchingNextPage}
          >
            {t('needsNearby.more')}
          </button>
        </p>
      )}
      {writing && (
        <ContactDialog
          need={writing}
          site={site}
          onSent={() => {
            setWriting(null);
            announce({ kind: 'success', text: t('needsNearby.sent') });
          }}
          onClose={() => setWriting(null)}
        />
      )}
    </div>
  );
}

function ContactDialog({
  need,
  site,
  onSent,
  onClose,
}: {
  need: NearbyNeed;
  site: Site;
  onSent: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [message, setMessage] = useState(() => t('needsNearby.draft', { site: site.name }));
  const [missing, setMissing] = useState(false);
  const contact = useContactNeed({ onSuccess: onSent });
  return (
    <Modal
      title={t('needsNearby.dialogTitle', { organisation: need.organisationName ?? '' })}
      description={<p>{t('needsNearby.dialogIntro')}</p>}
      busy={contact.isPending}
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        if (message.trim().length < 2) return setMissing(true);
        contact.mutate({ needId: need.needId, siteId: site.id, message: message.trim() });
      }}
      actions={
        <button type="submit" className="button button--primary" disabled={contact.isPending}>
          {t('needsNearby.send')}
        </button>
      }
    >
      <Field
        label={t('needsNearby.message')}
        error={missing ? t('needsNearby.messageMissing') : fieldMessage(contact.error, 'body.message')}
      >
        {(c) => (
          <textarea
            {...c}
            rows={6}
            maxLength={2000}
            value={message}
            onChange={(e) => {
              setMessage(e.target.value);
              setMissing(false);
            }}
          />
        )}
      </Field>
      {contact.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(contact.error, t)}
        </p>
      )}
    </Modal>
  );
}
