import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { i18n, i18nReady } from '../lib/i18n';

// The app loads one language on demand; the tests read both, at once.
await i18nReady;
await i18n.loadLanguages(['fr', 'en']);

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
