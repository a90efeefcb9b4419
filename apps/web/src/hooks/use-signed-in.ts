import { useSyncExternalStore } from 'react';
import { tokenStore } from '../lib/api-client';

/** Whether an access token is held; re-renders when the person signs in or out, or the session ends. */
export function useSignedIn(): boolean {
  return useSyncExternalStore(tokenStore.subscribe, () => tokenStore.get() !== null);
}
