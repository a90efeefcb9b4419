import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BookNeedResponse, NeedMatch } from '@lieux/contracts';
import { formatDate, formatTime } from '@lieux/scheduling';
import { useNeed, useNeedMatches, useUpdateNeed } from '../../features/needs/api/needs';
import { CloseNeedDialog } from '../../features/needs/components/close-need-dialog';
import { BookResult, NeedMatches } from '../../features/needs/components/need-matches';
import { needSummary } from '../../features/needs/need-summary';
import { useNotice } from '../../hooks/use-notice';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { currentLanguage } from '../../lib/i18n';
import { paths } from '../paths';
import '../../styles/needs.css';

const PARIS = 'Europe/Paris';

/**
 * One need (the match e-mail's link): said in one sentence, changed, closed with a reason, and the
 * spaces that meet it, best first, each booked in one action.
 */
export function NeedPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { needId = '' } = useParams();
  const need = useNeed(needId);
  const live = need.data?.status === 'open' || need.data?.status === 'matched';
  // A booked, closed or expired need has nothing more to book: its matches are no longer asked.
  const matches = useNeedMatches(needId, live);
  const [closing, setClosing] = useState(false);
  const [booked, setBooked] = useState<{ match: NeedMatch; response: BookNeedResponse } | null>(null);
  const { announce, slot } = useNotice();
  const notify = useUpdateNeed(needId, {
    onSuccess: (n) =>
      announce({ kind: 'success', text: t(n.notifyMatches ? 'needs.page.mailsOn' : 'needs.page.mailsOff') }),
  });
  usePageTitle(need.data?.purpose ?? t('needs.page.title'));

  // The e-mail's "stop these e-mails" link (`?courriels=non`): one click, once the need is known.
  const [params, setParams] = useSearchParams();
  const stopAsked = params.get('courriels') === 'non';
  const stopped = useRef(false);
  useEffect(() => {
    if (!stopAsked || !need.data || stopped.current) return;
    stopped.current = true;
    setParams({}, { replace: true });
    const open = need.data.status === 'open' || need.data.status === 'matched';
    if (open && need.data.notifyMatches) notify.mutate({ notifyMatches: false });
    else announce({ kind: 'success', text: t('needs.page.mailsOff') });
  }, [stopAsked, need.data, notify, setParams, announce, t]);

  if (need.isPending)
    return (
      <p className="page" role="status">
        {t('common.loading')}
      </p>
    );
  if (need.isError)
    return (
      <div className="page">
        <p className="alert alert--error" role="alert">
          {errorMessage(need.error, t)}
        </p>
        <Link to={paths.needs}>{t('needs.list.title')}</Link>
      </div>
    );
  const n = need.data;
  const items = matches.data?.items ?? [];

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={paths.needs}>
          <span aria-hidden="true">← </span>
          {t('needs.list.title')}
        </Link>
      </p>
      <header className="page-header">
        <p className="eyebrow">
          {t('needs.page.eyebrow')} · {t(`essThemes.${n.theme}`)}
        </p>
        <h1>{n.purpose}</h1>
        <p className="lead">{needSummary(n, lang)}</p>
        <p>
          <span className="status">{t(`needs.status.${n.status}`)}</span>
          {n.closedReason && <> · {t(`needs.closeReasons.${n.closedReason}`)}</>}
          {' · '}
          <span className="muted">{t('needs.page.occurrences', { count: n.occurrencesWanted })}</span>
        </p>
      </header>
      {slot}
      {booked && <BookResult match={booked.match} response={booked.response} />}
      {live && (
        <div className="actions need-actions">
          <Link className="button button--secondary" to={paths.editNeed(n.id)}>
            {t('needs.page.edit')}
          </Link>
          <button
            type="button"
            className="button button--secondary"
            disabled={notify.isPending}
            onClick={() => notify.mutate({ notifyMatches: !n.notifyMatches })}
          >
            {n.notifyMatches ? t('needs.page.stopMails') : t('needs.page.startMails')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setClosing(true)}>
            {t('needs.page.close')}
          </button>
        </div>
      )}
      {notify.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(notify.error, t)}
        </p>
      )}
      {live && (
        <section className="need-section" aria-labelledby="matches-title">
          <h2 id="matches-title">{t('needs.matches.title')}</h2>
          {matches.data && (
            <p className="muted">
              {t('needs.matches.computed', {
                date: formatDate(matches.data.computedAt, PARIS, lang),
                time: formatTime(matches.data.computedAt, PARIS, lang),
              })}
            </p>
          )}
          {matches.isPending && <p role="status">{t('common.loading')}</p>}
          {matches.isError && (
            <p className="alert alert--error" role="alert">
              {errorMessage(matches.error, t)}
            </p>
          )}
          {matches.data && items.length === 0 && (
            <div className="empty">
              <p>{t('needs.matches.none')}</p>
              <p>{n.notifyMatches ? t('needs.matches.noneMail') : t('needs.matches.noneNoMail')}</p>
            </div>
          )}
          {items.length > 0 && (
            <NeedMatches
              need={n}
              matches={items}
              spaceLink={paths.space}
              onBooked={(match, response) => setBooked({ match, response })}
            />
          )}
        </section>
      )}
      {closing && (
        <CloseNeedDialog
          need={n}
          onClose={() => setClosing(false)}
          onClosed={() => {
            setClosing(false);
            announce({ kind: 'success', text: t('needs.close.done') });
          }}
        />
      )}
    </div>
  );
}
