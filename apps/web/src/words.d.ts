/** One part of a locale file (vite.config.ts, wordsInTwoParts). */
declare module 'virtual:words/*' {
  const words: Record<string, unknown>;
  export default words;
}
