export { RolesGrid, type Option } from './roles-grid';
export { ViewAs, type ViewAsResult, type UserOption } from './view-as';
export { SCOPES, type Scope } from './roles-model';
export { scopeLabel } from './scope-labels';
