// Next.js reads its config from its project directory (web/); the config itself lives at the root.
export { default } from '../next.config.js';
