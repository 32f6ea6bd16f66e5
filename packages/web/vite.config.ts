import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev --workspace @lockstep/web` serves the app with hot reload and sends /api to a running
// `lockstep serve` on port 8080.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each page's module became, so that the server can send the
    // page's HTML with preload links to them (packages/server/src/build-server.ts).
    manifest: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // Each page is its own chunk (app.tsx loads them lazily); the libraries go in a few chunks of their
        // own, by what needs them, rather than in many small shared pieces: React and the router (every
        // page), the API contract and Zod (every page that calls the API), Observable Plot and d3 (the charts).
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/,
              priority: 3,
            },
            {
              name: 'plot',
              test: /node_modules[\\/](@observablehq[\\/]plot|d3-[a-z-]+|internmap|isoformat|interval-tree-1d|binary-search-bounds|delaunator|robust-predicates)[\\/]/,
              priority: 2,
            },
            {
              // With zod-without-eval.ts, which configures Zod before the contract's schemas are built: the
              // chunk runs its modules in the app's order, Zod, that configuration, then the contract.
              name: 'contract',
              test: /node_modules[\\/]zod[\\/]|packages[\\/]contract[\\/]|src[\\/]zod-without-eval\.ts$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
