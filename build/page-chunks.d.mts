/** The files under dist/ a page with these Plaza tags loads (build/page-chunks.mjs). */
export function pageChunks(root: string): (tags: readonly string[], lang?: 'de' | 'en') => string[];
