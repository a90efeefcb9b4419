import '../../styles/projects.css';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ESS_THEMES, SPACE_KINDS, type EssTheme, type SpaceKind } from '@lieux/contracts';
import { Field } from '../../components/field';
import { ListStatus } from '../../components/list-status';
import { useReplicableProjects } from '../../features/projects/api/projects';
import { territoryOf } from '../../features/projects/components/format';
import { CaseSheetView } from '../../features/projects/components/project-parts';
import { usePageTitle } from '../../hooks/use-page-title';
import { projectPath } from '../../features/projects/paths';

const isOneOf = <T extends string>(list: readonly T[], v: string | null): v is T =>
  !!v && (list as readonly string[]).includes(v);

/**
 * "Projets à essaimer": the national catalogue of case sheets the organisations agreed to share (every
 * one for the staff, the public ones for everybody else), searched by theme, kind of space and words.
 */
export function CataloguePage() {
  const { t } = useTranslation();
  usePageTitle(t('projects.catalogue.title'));
  const [params, setParams] = useSearchParams();
  const theme = isOneOf<EssTheme>(ESS_THEMES, params.get('theme'))
    ? (params.get('theme') as EssTheme)
    : undefined;
  const kind = isOneOf<SpaceKind>(SPACE_KINDS, params.get('kind'))
    ? (params.get('kind') as SpaceKind)
    : undefined;
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const projects = useReplicableProjects({ theme, kind, q: q.trim().length >= 2 ? q.trim() : undefined });
  const items = projects.data?.items ?? [];
  const set = (name: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page page--wide">
      <h1>{t('projects.catalogue.title')}</h1>
      <p className="lead">{t('projects.catalogue.intro')}</p>
      <form
        noValidate
        className="panel projects-filters"
        role="search"
        aria-label={t('projects.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          set('q', typed.trim());
        }}
      >
        <Field label={t('projects.catalogue.q')}>
          {(c) => (
            <input
              {...c}
              type="search"
              value={typed}
              maxLength={80}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('projects.fields.theme')}>
          {(c) => (
            <select {...c} value={theme ?? ''} onChange={(e) => set('theme', e.target.value)}>
              <option value="">{t('projects.allThemes')}</option>
              {ESS_THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(`essThemes.${th}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('projects.catalogue.kind')}>
          {(c) => (
            <select {...c} value={kind ?? ''} onChange={(e) => set('kind', e.target.value)}>
              <option value="">{t('projects.catalogue.anyKind')}</option>
              {SPACE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`spaces.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--primary">
          {t('projects.catalogue.search')}
        </button>
      </form>
      <ListStatus
        query={projects}
        isEmpty={items.length === 0}
        empty={<p>{t('projects.catalogue.empty')}</p>}
      />
      {items.length > 0 && (
        <>
          <p role="status" className="muted">
            {t('projects.catalogue.count', { count: items.length })}
          </p>
          <ul className="project-list">
            {items.map((p) => (
              <li key={p.id} className="card project-card">
                <h2>
                  <Link to={projectPath(p.id)}>{p.title}</Link>
                </h2>
                <p className="muted">
                  {t(`essThemes.${p.theme}`)} · {p.organisationName} · {territoryOf(p)}
                </p>
                {p.replication.caseSheet && <CaseSheetView sheet={p.replication.caseSheet} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
