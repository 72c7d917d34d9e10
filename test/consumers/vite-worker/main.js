import { inWorker, report } from './page.js';

report(async () => ({ worker: await inWorker() }));
