import { z } from 'zod';

// Zod compiles a fast parser for each object schema with `new Function` unless told not to, and probes
// whether it may the first time a schema is built. Under the server's Content-Security-Policy
// (`script-src 'self'`, no 'unsafe-eval') the probe is refused and reported as a violation even though Zod
// catches it. Imported first by main.tsx, before any contract schema is built.
z.config({ jitless: true });
