export { DuplicateDetector, type DetectorDeps } from './duplicate-detector';
export { MergeService, type MergeDeps, type DuplicateCandidate } from './merge-service';
export { minhash, similarity, bands, normaliseText, toHex, fromHex } from './minhash';
export { cellOf, cellsAround } from './place-cells';
export { duplicateSettings, riskSettings, RISK_ORDER, type RiskLevel } from './duplicate-settings';
