import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// A sandboxed preload cannot require local files: everything it uses goes into one
// CommonJS file. Only `electron` stays outside (the sandbox provides it).
const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: 'preload/index.ts',
      formats: ['cjs'],
      fileName: () => 'index.js',
    },
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
