/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base so the static build works from any sub-path (GitHub Pages, a course site, an iframe).
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022' },
  test: {
    projects: [
      // Engine and crypto: node, because jsdom's foreign-realm Uint8Array breaks jose.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { extends: true, test: { name: 'ui', include: ['test/ui/**/*.test.tsx'], environment: 'happy-dom' } },
    ],
  },
});
