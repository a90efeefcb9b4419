import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENTS, type WebhookEventType } from '@lieux/contracts';
import { formatDate, formatTime } from '@lieux/scheduling';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import {
  useCreateWebhook,
  useWebhookActions,
  useWebhookDeliveries,
  useWebhooks,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../api/webhooks';

const ZONE = 'Europe/Paris';

/** A signing secret, shown once: after a creation or a rotation. */
function SecretShownOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert--success" role="status">
      <p>{t('webhooks.secretOnce')}</p>
      <p>
        <code data-testid="webhook-secret">{secret}</code>
      </p>
      <p>
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? t('webhooks.copied') : t('webhooks.copy')}
        </button>{' '}
        <button type="button" className="button" onClick={onDone}>
          {t('webhooks.secretSaved')}
        </button>
      </p>
    </div>
  );
}

function CreateWebhookForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENTS]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useCreateWebhook(organisationId, (w) => {
    setSecret(w.secret);
    setUrl('');
    setDescription('');
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSecret(null);
    create.mutate({ url, description, events });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {secret && <SecretShownOnce secret={secret} onDone={() => setSecret(null)} />}
      {create.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(create.error, t)}
        </p>
      )}
      <Field label={t('webhooks.url')} hint={t('webhooks.urlHint')}>
        {(c) => (
          <input
            {...c}
            type="url"
            required
            autoComplete="off"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('webhooks.description')}>
        {(c) => (
          <input
            {...c}
            type="text"
            maxLength={200}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="fieldset">
        <legend>{t('webhooks.events')}</legend>
        <div className="choices">
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="choice">
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) =>
                  setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))
                }
              />{' '}
              {t(`webhooks.event.${ev}`)} <code>{ev}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <button
        className="button button--primary"
        type="submit"
        disabled={create.isPending || events.length === 0}
      >
        {t('webhooks.add')}
      </button>
    </form>
  );
}

function at(iso: string, lang: ReturnType<typeof currentLanguage>) {
  return `${formatDate(iso, ZONE, lang)} ${formatTime(iso, ZONE, lang)}`;
}

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const deliveries = useWebhookDeliveries(endpoint.id);
  if (deliveries.isPending) return <p role="status">{t('common.loading')}</p>;
  if (deliveries.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(deliveries.error, t)}
      </p>
    );
  const items = deliveries.data.items;
  if (items.length === 0) return <p>{t('webhooks.noDelivery')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{t('webhooks.logCaption', { url: endpoint.url })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('webhooks.columns.at')}</th>
            <th scope="col">{t('webhooks.columns.event')}</th>
            <th scope="col">{t('webhooks.columns.status')}</th>
            <th scope="col">{t('webhooks.columns.attempts')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <th scope="row">{at(d.createdAt, lang)}</th>
              <td>
                <code>{d.eventType}</code>
              </td>
              <td>
                <span className={`status ${d.status === 'delivered' ? 'status--confirmed' : ''}`}>
                  {t(`webhooks.status.${d.status}`)}
                </span>
                {d.nextAttemptAt && <> {t('webhooks.nextAttempt', { at: at(d.nextAttemptAt, lang) })}</>}
              </td>
              <td>
                <Attempts delivery={d} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation();
  return (
    <ol className="webhook-attempts">
      {delivery.log.map((a) => (
        <li key={a.attempt}>
          {t('webhooks.attempt', {
            n: a.attempt,
            code: a.statusCode ?? t('webhooks.noAnswer'),
            ms: a.durationMs,
          })}
          {a.error && <> — {a.error}</>}
        </li>
      ))}
    </ol>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const actions = useWebhookActions(endpoint);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [tested, setTested] = useState(false);
  const failed = [actions.update, actions.remove, actions.rotate, actions.test].find((m) => m.isError);
  const titleId = `webhook-${endpoint.id}`;
  return (
    <article className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <code>{endpoint.url}</code>
      </h3>
      <p>
        <span className={`status ${endpoint.active ? 'status--confirmed' : ''}`}>
          {endpoint.active ? t('webhooks.active') : t('webhooks.disabled')}
        </span>{' '}
        {endpoint.description}
      </p>
      <p>
        {t('webhooks.listensTo')} {endpoint.events.map((e) => t(`webhooks.event.${e}`)).join(', ')}
      </p>
      {secret && <SecretShownOnce secret={secret} onDone={() => setSecret(null)} />}
      <div role="status">{tested && <p className="alert alert--success">{t('webhooks.testSent')}</p>}</div>
      {failed && (
        <p className="alert alert--error" role="alert">
          {errorMessage(failed.error, t)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={actions.test.isPending}
          onClick={() => {
            setTested(false);
            actions.test.mutate(undefined, { onSuccess: () => setTested(true) });
          }}
        >
          {t('webhooks.sendTest')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => actions.update.mutate({ active: !endpoint.active })}
        >
          {endpoint.active ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => actions.rotate.mutate(undefined, { onSuccess: (w) => setSecret(w.secret) })}
        >
          {t('webhooks.rotate')}
        </button>
        {confirmDelete ? (
          <button type="button" className="button button--danger" onClick={() => actions.remove.mutate()}>
            {t('webhooks.confirmDelete')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setConfirmDelete(true)}>
            {t('webhooks.delete')}
          </button>
        )}
      </div>
      <h4>{t('webhooks.log')}</h4>
      <DeliveryLog endpoint={endpoint} />
    </article>
  );
}

/** An organisation admin's webhooks: register an endpoint, then test, disable, rotate, delete, read its log. */
export function WebhooksPanel({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const webhooks = useWebhooks(organisationId);
  return (
    <>
      <section className="panel" aria-labelledby="webhook-new">
        <h2 id="webhook-new">{t('webhooks.newTitle')}</h2>
        <CreateWebhookForm organisationId={organisationId} />
      </section>
      <section aria-labelledby="webhook-list">
        <h2 id="webhook-list">{t('webhooks.listTitle')}</h2>
        {webhooks.isPending && <p role="status">{t('common.loading')}</p>}
        {webhooks.isError && (
          <p className="alert alert--error" role="alert">
            {errorMessage(webhooks.error, t)}
          </p>
        )}
        {webhooks.data?.items.length === 0 && <p>{t('webhooks.none')}</p>}
        {webhooks.data?.items.map((e) => (
          <EndpointCard key={e.id} endpoint={e} />
        ))}
      </section>
      <section className="panel" aria-labelledby="webhook-signature">
        <h2 id="webhook-signature">{t('webhooks.signatureTitle')}</h2>
        <p>{t('webhooks.signatureText')}</p>
        <pre>
          <code>
            {
              'X-LP-Signature: t=<unix>,v1=<hex HMAC-SHA256("<t>.<body>", secret)>\nX-LP-Event-Id: <id>\nX-LP-Event: booking.created'
            }
          </code>
        </pre>
      </section>
    </>
  );
}
