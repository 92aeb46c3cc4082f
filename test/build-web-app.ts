import { ensureWebBuild } from './web-app';

// Run by the global setup in the background, so the production build overlaps the unit tests;
// the browser files' own ensureWebBuild waits for it (or builds again, showing the error, if it failed).
await ensureWebBuild(process.argv[2]!);
