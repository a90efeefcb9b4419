import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';
import type { AuditEntry } from '../api/get-audit';

const short = (id: string | null) => (id ? id.slice(0, 8) : null);

/** `verification: ['pending', 'verified']` as `verification : pending → verified`. */
function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([key, value]) => {
      if (Array.isArray(value) && value.length === 2)
        return `${key} : ${String(value[0])} → ${String(value[1])}`;
      if (value !== null && typeof value === 'object') return `${key} : ${JSON.stringify(value)}`;
      return `${key} : ${String(value)}`;
    })
    .join(' ; ');
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <div className="table-wrap">
      <table className="table table--compact">
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
          {entries.map((e, i) => (
            <tr key={`${e.at}-${e.entityId}-${e.action}-${i}`}>
              <td>
                <span className="block">{formatDate(e.at, 'Europe/Paris', lang)}</span>
                <span className="muted block">{formatTime(e.at, 'Europe/Paris', lang)}</span>
              </td>
              <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
              <td>
                <span className="block">{t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}</span>
                <code className="muted" title={e.entityId}>
                  {short(e.entityId)}
                </code>
              </td>
              <td>
                {e.actorId ? (
                  <code title={e.actorId}>{short(e.actorId)}</code>
                ) : (
                  <span className="muted">{t('audit.system')}</span>
                )}
              </td>
              <td className="audit-changes">{describeChanges(e.changes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
