import type { MessageLanguage } from '@lieux/contracts';

/**
 * The language to answer a request's field messages in, from its Accept-Language header: English when
 * the caller ranks English above French (or asks for English and not French), French otherwise.
 * Other languages are skipped, so `de, en;q=0.5` answers English. Ties keep the header's order.
 */
export function requestLanguage(acceptLanguage: string | undefined): MessageLanguage {
  let best: { lang: MessageLanguage; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const primary = range.trim().split('-')[0];
    if (primary !== 'en' && primary !== 'fr') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? 'fr';
}
