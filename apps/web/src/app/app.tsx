import { useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { i18n, i18nReady } from '../lib/i18n';
import { ME_QUERY_KEY } from '../api/query-keys';
import { onSessionRefreshed, restoreSession, tokenStore } from '../lib/api-client';
import { createQueryClient } from '../lib/query-client';
import { createRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  // A new tab or a reload has no access token yet: the refresh cookie may still hold a session.
  const [signedInKnown, setSignedInKnown] = useState(() => tokenStore.get() !== null);
  const [wordsIn, setWordsIn] = useState(() => i18n.isInitialized);
  // A refresh answers the person as they are now (a verified organisation, a new role). Listening from
  // here, before the start-up refresh, puts them in the cache with the first page: the header shows them
  // at once instead of growing, and moving the page down, once they are fetched.
  useEffect(
    () => onSessionRefreshed((session) => queryClient.setQueryData(ME_QUERY_KEY, session.user)),
    [queryClient],
  );
  useEffect(() => {
    if (signedInKnown) return;
    void restoreSession().finally(() => setSignedInKnown(true));
  }, [signedInKnown]);
  useEffect(() => {
    if (wordsIn) return;
    void i18nReady.finally(() => setWordsIn(true));
  }, [wordsIn]);

  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        {signedInKnown && wordsIn ? (
          <RouterProvider router={router} />
        ) : (
          <p className="boot" role="status">
            {wordsIn ? i18n.t('common.loading') : null}
          </p>
        )}
      </QueryClientProvider>
    </I18nextProvider>
  );
}
