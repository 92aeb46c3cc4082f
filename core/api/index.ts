export { appRouter, createCaller, type AppRouter } from './app-router';
export { createContextInner, serviceContext, type ApiContext } from './context';
export { healthStatus, type HealthStatus } from './health';
