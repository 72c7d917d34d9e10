import { mainThread, report } from './page.js';

report(async () => ({ main: await mainThread() }));
