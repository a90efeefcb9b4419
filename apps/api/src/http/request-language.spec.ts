import { requestLanguage } from './request-language';

describe('requestLanguage', () => {
  it.each([
    [undefined, 'fr'],
    ['', 'fr'],
    ['*', 'fr'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['EN-us', 'en'],
    ['fr;q=0.4, en;q=0.6', 'en'],
    ['de-DE, en;q=0.7, fr;q=0.5', 'en'],
    ['de-DE, es', 'fr'],
    ['en;q=0, fr;q=0.1', 'fr'],
    ['en;q=0', 'fr'],
    ['fr, en', 'fr'],
    ['en;q=abc', 'fr'],
    ['english', 'fr'],
  ])('%p → %s', (header, expected) => {
    expect(requestLanguage(header)).toBe(expected);
  });
});
