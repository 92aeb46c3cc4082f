export { listPlugins, setPlugin, type DistrictDraft, type StudioPlugin } from './plugin-settings';
