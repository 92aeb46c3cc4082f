export { appRouter, createCaller, type AppRouter } from './app-router';
export { createContextInner, createRequestContext, serviceContext, type ApiContext } from './context';
export { handleTrpcRequest, MAX_BODY_BYTES } from './http-handler';
export { healthStatus, type HealthStatus } from './health';
export { routerFor, createRuntimeCaller } from './runtime-router';
export { handleEventsRequest } from './events-handler';
export { handleExportRequest } from './export-handler';
export { handleOrgImportRequest, MAX_ORG_IMPORT_BYTES } from './org-import-handler';
export { handleStudioExport, handleStudioImport, MAX_IMPORT_BYTES } from './studio-handler';
