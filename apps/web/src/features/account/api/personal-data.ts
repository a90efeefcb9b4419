import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, tokenStore } from '../../../lib/api-client';
import { todayIn } from '../../../lib/wall-clock';

export function getMyData() {
  return call(ROUTES.myData);
}

/** Fetches everything the platform holds about the person and hands it to the browser as a JSON file. */
export function useDownloadMyData(options: { onSuccess?: () => void } = {}) {
  return useMutation({
    mutationFn: async () => {
      const data = await getMyData();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `lieux-partages-mes-donnees-${todayIn('Europe/Paris')}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
    onSuccess: () => options.onSuccess?.(),
  });
}

export function deleteMe() {
  return call(ROUTES.deleteMe);
}

/** Deletes the account; bookings stay, detached from the person. The local session ends. */
export function useDeleteMe(options: { onSuccess?: () => void | Promise<void> } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteMe,
    onSuccess: async () => {
      // Leave the page first: the guard of signed-in pages would otherwise redirect on its own.
      await options.onSuccess?.();
      tokenStore.clear('signedOut');
      queryClient.clear();
    },
  });
}
