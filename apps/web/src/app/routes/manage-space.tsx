import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../features/sites/api/get-site';
import { useCreateSpace, useSiteSpaces, useUpdateSpace } from '../../features/sites/api/site-spaces';
import { SpaceForm } from '../../features/sites/components/space-form';
import { SpaceHoursEditor } from '../../features/sites/components/space-hours-editor';
import { SpacePhotosEditor } from '../../features/sites/components/space-photos-editor';
import { useSpace } from '../../features/spaces/api/get-space';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { paths } from '../paths';
import '../../styles/manage.css';

/** "Nouvel espace": a draft on the site, then back to the site to publish it. */
export function NewSpacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  usePageTitle(t('manage.form.newTitle'));
  const create = useCreateSpace({ onSuccess: () => navigate(paths.manageSite(siteId)) });
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={paths.manageSite(siteId)}>
          <span aria-hidden="true">← </span>
          {site.data?.name ?? t('manage.back')}
        </Link>
      </p>
      <h1>{t('manage.form.newTitle')}</h1>
      {site.data && <p className="lead">{t('manage.form.newIntro', { site: site.data.name })}</p>}
      <SpaceForm
        pending={create.isPending}
        error={create.error}
        submitLabel={t('manage.form.create')}
        onSubmit={(input) => create.mutate({ siteId, input })}
      />
    </div>
  );
}

/** Editing a space: the same form, sent as a PATCH. */
export function EditSpacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { spaceId = '' } = useParams();
  const space = useSpace(spaceId);
  // How to get in is told by the managers' list only, never by the space's public answer.
  const managed = useSiteSpaces(space.data?.site.id);
  usePageTitle(space.data ? t('manage.form.editTitle', { name: space.data.name }) : t('manage.title'));
  const update = useUpdateSpace({ onSuccess: (s) => navigate(paths.manageSite(s.site.id)) });
  const failure = space.error ?? managed.error;
  if (failure)
    return (
      <div className="page">
        <p className="alert alert--error" role="alert">
          {errorMessage(failure, t)}
        </p>
        <Link to={paths.manage}>{t('manage.back')}</Link>
      </div>
    );
  if (!space.data || !managed.data)
    return (
      <p className="page" role="status">
        {t('common.loading')}
      </p>
    );
  const s = { ...space.data, access: managed.data.items.find((x) => x.id === space.data.id)?.access };
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={paths.manageSite(s.site.id)}>
          <span aria-hidden="true">← </span>
          {s.site.name}
        </Link>
      </p>
      <h1>{t('manage.form.editTitle', { name: s.name })}</h1>
      <p>
        <Link to={paths.doorPage(s.id)}>{t('manage.form.doorPage')}</Link>
      </p>
      <SpaceForm
        key={s.id}
        space={s}
        pending={update.isPending}
        error={update.error}
        submitLabel={t('manage.form.save')}
        onSubmit={(input) => update.mutate({ spaceId: s.id, input })}
      />
      <SpaceHoursEditor space={s} />
      <SpacePhotosEditor space={s} />
    </div>
  );
}
