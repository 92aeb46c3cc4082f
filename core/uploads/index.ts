export { UploadService, MAX_CHUNK_BYTES, DEFAULT_MAX_UPLOAD_BYTES, type UploadedFile, type UploadProgress } from './upload-service';
export { ALLOWED_TYPES, sniffType } from './content-check';
export { handleUploadCreate, handleUploadPatch, handleUploadHead, handleUploadGet } from './uploads-http';
