import { useMutation } from '@tanstack/react-query';
import { ROUTES, type Booking } from '@lieux/contracts';
import { apiBlob } from '../../../lib/api-client';

/** The receipt of a paid booking, handed to the browser as `recu-LP-2026-000123.pdf`. */
export function useDownloadReceipt(options: { onError?: (e: unknown) => void } = {}) {
  return useMutation({
    mutationFn: async (b: Booking) => {
      const blob = await apiBlob(ROUTES.bookingReceipt.path.replace('{id}', b.id), {
        headers: { Accept: 'application/pdf' },
      });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = `recu-${b.receipt?.number ?? b.id}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      // Revoked once the browser has started the download, which it does after this task.
      setTimeout(() => URL.revokeObjectURL(href), 1000);
    },
    onError: options.onError,
  });
}
