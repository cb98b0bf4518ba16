import { config } from 'zod';

// zod compiles fast object parsers with `new Function`, which the Content-Security-Policy (no
// 'unsafe-eval') refuses and reports; the interpreted parsers give the same results.
config({ jitless: true });
