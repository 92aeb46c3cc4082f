export { WorkflowEditor, type WorkflowSave } from './workflow-editor';
export { workflowEditorContext, type WorkflowEditorContext } from './workflow-context';
export { analyseWorkflow, type WorkflowDefinition } from './workflow-model';
