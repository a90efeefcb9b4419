import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCreateNeed, useNeed, useUpdateNeed } from '../../features/needs/api/needs';
import { NeedForm } from '../../features/needs/components/need-form';
import {
  communeQuery,
  prefillFromParams,
  valuesFromNeed,
  valuesFromSearch,
  type NeedFormValues,
} from '../../features/needs/need-form-values';
import { useCommunes } from '../../api/communes';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { paths } from '../paths';
import '../../styles/needs.css';

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/**
 * Declaring a need; from a search that found nothing, the form starts from its filters
 * (`/besoins/nouveau?type=workshop&surface=30&commune=Nîmes`) and the commune typed, when one has that name.
 */
export function NewNeedPage() {
  const { t } = useTranslation();
  usePageTitle(t('needs.new.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const search = params.toString();
  const asked = useMemo(() => prefillFromParams(new URLSearchParams(search)), [search]);
  const q = communeQuery(asked);
  const communes = useCommunes(q);
  const create = useCreateNeed({ onSuccess: (need) => navigate(paths.need(need.id)) });
  const initial = useMemo((): NeedFormValues | null => {
    const values = valuesFromSearch(asked);
    if (!q) return values;
    if (communes.isPending && communes.fetchStatus !== 'idle') return null;
    const found = communes.data?.items.find((c) => plain(c.name) === plain(q));
    return found
      ? {
          ...values,
          commune: { communeCode: found.code, postcode: found.postcodes[0] ?? '', name: found.name },
        }
      : values;
  }, [asked, q, communes.isPending, communes.fetchStatus, communes.data]);

  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={paths.needs}>
          <span aria-hidden="true">← </span>
          {t('needs.list.title')}
        </Link>
      </p>
      <h1>{t('needs.new.title')}</h1>
      <p className="lead">{t('needs.new.intro')}</p>
      {search && <p className="alert alert--info">{t('needs.new.fromSearch')}</p>}
      <Refusal error={create.error} />
      {initial ? (
        <NeedForm
          initial={initial}
          submitLabel={t('needs.new.submit')}
          pending={create.isPending}
          error={create.error}
          onSubmit={(request) => create.mutate(request)}
        />
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </div>
  );
}

/** Changing a need: it is matched again. */
export function EditNeedPage() {
  const { t } = useTranslation();
  const { needId = '' } = useParams();
  const navigate = useNavigate();
  const need = useNeed(needId);
  usePageTitle(t('needs.edit.title'));
  const update = useUpdateNeed(needId, { onSuccess: (n) => navigate(paths.need(n.id)) });
  const initial = useMemo(() => (need.data ? valuesFromNeed(need.data) : null), [need.data]);

  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={paths.need(needId)}>
          <span aria-hidden="true">← </span>
          {t('needs.edit.back')}
        </Link>
      </p>
      <h1>{t('needs.edit.title')}</h1>
      {need.isPending && <p role="status">{t('common.loading')}</p>}
      {need.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(need.error, t)}
        </p>
      )}
      <Refusal error={update.error} />
      {initial && need.data && (
        <NeedForm
          initial={initial}
          submitLabel={t('needs.edit.submit')}
          pending={update.isPending}
          error={update.error}
          onSubmit={(request) => update.mutate(request)}
        />
      )}
    </div>
  );
}

function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="alert alert--error" role="alert">
      {errorMessage(error, t)}
    </p>
  );
}
