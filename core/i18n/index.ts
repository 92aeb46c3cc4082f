export { t, parseLang, catalogues, type Lang } from './translate';
export type { MessageKey } from './zh-CN';
