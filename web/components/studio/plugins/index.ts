export { PluginsEditor, settingsPointer, type SetPlugin } from './plugins-editor';
