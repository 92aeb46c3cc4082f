export { viewAs, type ViewAsResult, type ViewAsSubject, type ViewAsGrant, type ViewAsSampleRow, type ViewAsScope } from './view-as';
