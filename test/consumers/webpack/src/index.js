import { inPool, inWorker, mainThread, report } from './page.js';

report(async () => ({ main: await mainThread(), worker: await inWorker(), pool: await inPool() }));
