import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import {
  i18n,
  i18nReady,
  loadIntegrationWords,
  loadAccessWords,
  loadNeedsWords,
  loadProjectWords,
  loadStaffWords,
} from '../lib/i18n';

// The app loads its words in parts, one language at a time; the tests read them all, in both.
await i18nReady;
await loadStaffWords();
await loadProjectWords();
await loadNeedsWords();
await loadIntegrationWords();
await loadAccessWords();
await i18n.loadLanguages(['fr', 'en']);

// The files of a worker share one module graph (vite.config.ts, `isolate: false`): each test leaves the
// page, the storage and the language as a new file expects them.
afterEach(async () => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
  if (i18n.language !== 'fr') await i18n.changeLanguage('fr');
});
