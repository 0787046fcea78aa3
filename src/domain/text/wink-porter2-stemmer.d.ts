declare module 'wink-porter2-stemmer' {
  /** The Porter2 (English Snowball) stem of one lower-case word: `increments` → `increment`. */
  function stem(word: string): string;
  export = stem;
}
