import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  auditActionLabel,
  auditEntityLabel,
  auditSubjectLabel,
  clockTime,
  describeAuditChanges,
  PARIS,
  shortDay,
} from '@lieux/contracts';
import '../../../styles/admin.css';
import { currentLanguage } from '../../../lib/i18n';
import type { AuditEntry } from '../api/get-audit';

/** The log's entries: when (Paris time), what, on which object, by whom, and what changed, in words. */
export function AuditTable({
  entries,
  filterBy,
  subjectHref,
}: {
  entries: AuditEntry[];
  /** The log's address showing only what this person (their e-mail address) did. */
  filterBy: (actor: string) => string;
  /** Where the entry's object has a page of its own. */
  subjectHref: (e: AuditEntry) => string | null;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <div className="table-wrap">
      <table className="table table--compact audit-table">
        <caption className="visually-hidden">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.columns.at')}</th>
            <th scope="col">{t('audit.columns.action')}</th>
            <th scope="col">{t('audit.columns.entity')}</th>
            <th scope="col">{t('audit.columns.actor')}</th>
            <th scope="col">{t('audit.columns.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const subject = auditSubjectLabel(e.entity, e.subject, lang);
            const href = subjectHref(e);
            const changes = describeAuditChanges(e.entity, e.action, e.changes, lang, e.names);
            return (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>
                    <span className="block">{shortDay(e.at, PARIS, lang)}</span>
                    <span className="muted block">{clockTime(e.at, PARIS, lang)}</span>
                  </time>
                </td>
                <td>{auditActionLabel(e.entity, e.action, lang)}</td>
                <td>
                  <span className="muted block">{auditEntityLabel(e.entity, lang)}</span>
                  {subject && href ? (
                    <Link to={href}>{subject}</Link>
                  ) : (
                    (subject ?? <span className="muted">{t('audit.gone')}</span>)
                  )}
                </td>
                <td>
                  {e.actor ? (
                    <>
                      <Link
                        to={filterBy(e.actor.email)}
                        className="block"
                        title={t('audit.onlyThisPerson', { name: e.actor.displayName })}
                      >
                        {e.actor.displayName}
                      </Link>
                      <span className="muted block audit-email">{e.actor.email}</span>
                    </>
                  ) : (
                    <span className="muted">{e.actorId ? t('audit.gone') : t('audit.system')}</span>
                  )}
                </td>
                <td>
                  {changes.length > 0 && (
                    <ul className="audit-changes">
                      {changes.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
