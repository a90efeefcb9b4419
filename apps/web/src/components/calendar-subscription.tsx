import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeedKind } from '@lieux/contracts';
import { useMyCalendarFeeds, useRotateCalendarFeed } from '../api/calendar-feeds';
import { errorMessage } from '../lib/error-message';
import { Modal } from './modal';

/**
 * "S'abonner au calendrier": the person's secret link to a feed, to copy or to open as `webcal://` in
 * their calendar app, and "Nouveau lien" to replace it (after a confirmation: the old link stops working).
 * Nothing when the person has no feed of that kind.
 */
export function CalendarSubscription({
  kind,
  headingLevel = 2,
}: {
  kind: CalendarFeedKind;
  /** 3 inside a section of its own page. */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const feeds = useMyCalendarFeeds();
  const rotate = useRotateCalendarFeed();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const feed = feeds.data?.feeds.find((f) => f.kind === kind);
  if (!feed) return null;
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section className="panel calendar-subscription" aria-labelledby={`calendar-feed-${kind}`}>
      <Heading id={`calendar-feed-${kind}`}>{t('calendarFeed.title')}</Heading>
      <p className="muted">{t(`calendarFeed.intro.${kind}`)}</p>
      <FeedLink url={feed.url} webcalUrl={feed.webcalUrl} onCopied={setNotice} />
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('calendarFeed.rotate.open')}
        </button>
      </div>
      <p role="status" className="muted">
        {notice}
      </p>
      {confirming && (
        <Modal
          title={t('calendarFeed.rotate.title')}
          description={t('calendarFeed.rotate.body')}
          busy={rotate.isPending}
          initialFocus="cancel"
          onClose={() => setConfirming(false)}
          actions={
            <button
              type="button"
              className="button button--danger"
              disabled={rotate.isPending}
              onClick={() =>
                rotate.mutate(kind, {
                  onSuccess: () => {
                    setConfirming(false);
                    setNotice(t('calendarFeed.rotate.done'));
                  },
                })
              }
            >
              {t('calendarFeed.rotate.confirm')}
            </button>
          }
        >
          {rotate.isError && (
            <p className="alert alert--error" role="alert">
              {errorMessage(rotate.error, t)}
            </p>
          )}
        </Modal>
      )}
    </section>
  );
}

/** A feed's link in a read-only field, a copy button and the `webcal://` link. */
export function FeedLink({
  url,
  webcalUrl,
  label,
  onCopied,
}: {
  url: string;
  webcalUrl: string;
  label?: string;
  onCopied?: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const say = (text: string) => {
    setCopied(text);
    onCopied?.(text);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      say(t('calendarFeed.copied'));
    } catch {
      // No clipboard (an insecure origin, a refusal): the link is selected for the person to copy.
      input.current?.select();
      say(t('calendarFeed.copyByHand'));
    }
  };
  return (
    <div className="calendar-feed-link">
      <div className="field">
        <label htmlFor={id}>{label ?? t('calendarFeed.link')}</label>
        <input
          id={id}
          ref={input}
          type="text"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="calendar-feed-url"
        />
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t('calendarFeed.copy')}
        </button>
        <a className="button button--primary" href={webcalUrl}>
          {t('calendarFeed.subscribe')}
        </a>
      </div>
      {!onCopied && (
        <p role="status" className="muted">
          {copied}
        </p>
      )}
    </div>
  );
}
