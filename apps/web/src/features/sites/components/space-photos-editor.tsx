import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTOS_PER_SPACE, PHOTO_MAX_BYTES, PHOTO_TYPES, type Space } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { photoBlob, useDeletePhoto, useUploadPhoto } from '../api/space-photos';

const MAX_MB = PHOTO_MAX_BYTES / 1024 / 1024;

/** A thumbnail fetched with the manager's token (drafts' photos are not public). */
function ManagedThumbnail({ url, alt }: { url: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    photoBlob(url)
      .then((blob) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  return src ? (
    <img src={src} alt={alt} width={240} height={180} className="photo-thumb" />
  ) : (
    <span className="photo-thumb photo-thumb--loading" role="img" aria-label={alt} />
  );
}

/** The photos of a space in its editor: added one file at a time, removed one by one. */
export function SpacePhotosEditor({ space }: { space: Space }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [tooBig, setTooBig] = useState(false);
  const [added, setAdded] = useState(false);
  const upload = useUploadPhoto(space.id, {
    onSuccess: () => {
      setAdded(true);
      if (input.current) input.current.value = '';
    },
  });
  const remove = useDeletePhoto(space.id);
  const photos = space.photos ?? [];
  const full = photos.length >= MAX_PHOTOS_PER_SPACE;

  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('manage.photos.title')}</h2>
      {photos.length === 0 ? (
        <p className="muted">{t('manage.photos.none')}</p>
      ) : (
        <ul className="photo-grid">
          {photos.map((p, i) => (
            <li key={p.id}>
              <ManagedThumbnail
                url={p.thumbnailUrl}
                alt={t('manage.photos.alt', { n: i + 1, name: space.name })}
              />
              <button
                type="button"
                className="button button--ghost"
                disabled={remove.isPending}
                aria-label={t('manage.photos.removeLabel', { n: i + 1 })}
                onClick={() => {
                  setAdded(false);
                  remove.mutate(p.id);
                }}
              >
                {t('manage.photos.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Field
        label={t('manage.photos.add')}
        hint={
          full
            ? t('manage.photos.full', { max: MAX_PHOTOS_PER_SPACE })
            : t('manage.photos.hint', { mb: MAX_MB, max: MAX_PHOTOS_PER_SPACE })
        }
      >
        {(c) => (
          <input
            ref={input}
            {...c}
            type="file"
            accept={PHOTO_TYPES.join(',')}
            disabled={upload.isPending || full}
            onChange={(e) => {
              const file = e.target.files?.[0];
              setAdded(false);
              setTooBig(false);
              if (!file) return;
              // Said at once rather than after sending 8 MB for a refusal; the API checks again.
              if (file.size > PHOTO_MAX_BYTES) {
                setTooBig(true);
                e.target.value = '';
                return;
              }
              upload.mutate(file);
            }}
          />
        )}
      </Field>
      <div role="status">
        {upload.isPending && <p>{t('manage.photos.sending')}</p>}
        {added && <p className="alert alert--success">{t('manage.photos.added')}</p>}
      </div>
      {(tooBig || upload.isError || remove.isError) && (
        <p className="alert alert--error" role="alert">
          {tooBig ? t('manage.photos.tooBig', { mb: MAX_MB }) : errorMessage(upload.error ?? remove.error, t)}
        </p>
      )}
    </section>
  );
}
