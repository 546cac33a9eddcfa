/** esbuild bundles imported CSS into its own file; TypeScript only needs to know the import is fine. */
declare module '*.css';
