import { uiText, type UiKey, type UiLang } from '../../../i18n';
import type { Scope } from './roles-model';

const SCOPE_KEYS: Record<Scope, UiKey> = {
  own: 'studio.roles.scope.own',
  assignedToMe: 'studio.roles.scope.assignedToMe',
  myUnit: 'studio.roles.scope.myUnit',
  mySubtree: 'studio.roles.scope.mySubtree',
  myDepartment: 'studio.roles.scope.myDepartment',
  all: 'studio.roles.scope.all',
};

/** A permission scope's name for people (the roles grid's choice, the view-as summary). */
export function scopeLabel(lang: UiLang, scope: Scope): string {
  return uiText(lang, SCOPE_KEYS[scope]);
}
