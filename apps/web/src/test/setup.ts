import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import {
  i18n,
  i18nReady,
  loadIntegrationWords,
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
await i18n.loadLanguages(['fr', 'en']);

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
