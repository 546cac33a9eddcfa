/** The part of Vite's `import.meta.glob` the catalogue test uses (the tsconfigs carry no Vite types). */
interface ImportMeta {
  glob<T = unknown>(
    pattern: string | string[],
    options: { query: '?raw'; import: 'default'; eager: true },
  ): Record<string, T>;
}
