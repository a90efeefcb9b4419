import { useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { i18n } from '../lib/i18n';
import { restoreSession, tokenStore } from '../lib/api-client';
import { createQueryClient } from '../lib/query-client';
import { createRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  // A new tab or a reload has no access token yet: the refresh cookie may still hold a session.
  const [ready, setReady] = useState(() => tokenStore.get() !== null);
  useEffect(() => {
    if (ready) return;
    void restoreSession().finally(() => setReady(true));
  }, [ready]);

  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {ready ? (
          <RouterProvider router={router} />
        ) : (
          <p className="boot" role="status">
            {i18n.t('common.loading')}
          </p>
        )}
      </QueryClientProvider>
    </I18nextProvider>
  );
}
