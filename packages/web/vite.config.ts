import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev --workspace @lockstep/web` serves the app with hot reload and sends /api to a running
// `lockstep serve` on port 8080.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
