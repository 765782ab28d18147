import { z } from 'zod';

// zod builds object schemas with `new Function` (and probes for it when a schema is made)
// unless told not to; the dashboard's CSP (script-src 'self') forbids eval, and even the probe
// is reported as a violation. Imported first in main.tsx, before any schema is made.
z.config({ jitless: true });
