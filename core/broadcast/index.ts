export { BroadcastService, ancestors, type SendInput, type InboxItem } from './broadcast-service';
