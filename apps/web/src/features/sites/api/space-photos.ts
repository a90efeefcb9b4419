import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API_BASE_PATH, ROUTES } from '@lieux/contracts';
import { apiBlob, call } from '../../../lib/api-client';

export function uploadPhoto({ spaceId, file }: { spaceId: string; file: File }) {
  const form = new FormData();
  form.append('file', file);
  return call(ROUTES.uploadSpacePhoto, { params: { id: spaceId }, body: form });
}

export function deletePhoto({ spaceId, photoId }: { spaceId: string; photoId: string }) {
  return call(ROUTES.deleteSpacePhoto, { params: { id: spaceId, photoId } });
}

/** A photo's bytes with the manager's token: a draft's photos are not public, so no plain <img>. */
export function photoBlob(url: string): Promise<Blob> {
  return apiBlob(url.startsWith(API_BASE_PATH) ? url.slice(API_BASE_PATH.length) : url);
}

/** After a photo is added or removed: the space, its site's list and the searches show it. */
function useForgetPhotos(spaceId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['spaces', 'detail', spaceId] });
    void queryClient.invalidateQueries({ queryKey: ['sites', 'spaces'] });
    void queryClient.invalidateQueries({ queryKey: ['spaces', 'search'] });
  };
}

export function useUploadPhoto(spaceId: string, options: { onSuccess?: () => void } = {}) {
  const forget = useForgetPhotos(spaceId);
  return useMutation({
    mutationFn: (file: File) => uploadPhoto({ spaceId, file }),
    onSuccess: () => {
      forget();
      options.onSuccess?.();
    },
  });
}

export function useDeletePhoto(spaceId: string) {
  const forget = useForgetPhotos(spaceId);
  return useMutation({
    mutationFn: (photoId: string) => deletePhoto({ spaceId, photoId }),
    onSuccess: forget,
  });
}
