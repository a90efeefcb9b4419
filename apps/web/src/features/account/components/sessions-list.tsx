import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '@lieux/scheduling';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useRevokeSession, useSessions, type Session } from '../api/sessions';

/** A readable name for a browser's user agent: "Firefox sur Linux". */
export function describeAgent(ua: string | null): { browser: string | null; os: string | null } {
  if (!ua) return { browser: null, os: null };
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return { browser, os };
}

export function SessionsList() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const sessions = useSessions();
  const [closed, setClosed] = useState<string | null>(null);
  const revoke = useRevokeSession({ onSuccess: () => setClosed(t('account.sessions.closed')) });

  const when = (iso: string) =>
    t('account.sessions.at', {
      date: formatDate(iso, 'Europe/Paris', lang),
      time: formatTime(iso, 'Europe/Paris', lang),
    });
  const label = (s: Session) => {
    const { browser, os } = describeAgent(s.userAgent);
    if (browser && os) return t('account.sessions.agent', { browser, os });
    return browser ?? os ?? t('account.sessions.unknownAgent');
  };

  return (
    <>
      <div role="status">{closed && <p className="alert alert--success">{closed}</p>}</div>
      {revoke.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(revoke.error, t)}
        </p>
      )}
      {sessions.isPending && <p role="status">{t('common.loading')}</p>}
      {sessions.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(sessions.error, t)}
        </p>
      )}
      {sessions.data && (
        <ul className="session-list">
          {sessions.data.items.map((s) => (
            <li key={s.id} className="session">
              <div>
                <p className="session__agent">
                  {label(s)}{' '}
                  {s.current && (
                    <span className="status status--confirmed">{t('account.sessions.current')}</span>
                  )}
                </p>
                <p className="muted session__dates">
                  {t('account.sessions.lastUsed', { when: when(s.lastUsedAt) })} ·{' '}
                  {t('account.sessions.opened', { when: when(s.createdAt) })}
                </p>
              </div>
              {!s.current && (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={revoke.isPending}
                  aria-label={t('account.sessions.closeLabel', { name: label(s), when: when(s.lastUsedAt) })}
                  onClick={() => {
                    setClosed(null);
                    revoke.mutate(s.id);
                  }}
                >
                  {t('account.sessions.close')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
