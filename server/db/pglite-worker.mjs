// PGlite's worker thread starts here. Node 20 does not hand `--import tsx` on to worker
// threads, so the TypeScript loader is registered in the thread itself before the worker loads.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
