export { ChannelRegistry } from './channel-registry';
export { IntakeService, type IntakeResult, type ReceiveInput, type DeadLetter } from './intake-service';
export { rotateChannelKey, verifyChannelKey, keyFromHeaders, channelForKey } from './api-keys';
export { mapPayload, type MappedPayload } from './payload-mapping';
export { handleChannelPost, MAX_CHANNEL_BODY_BYTES } from './channel-http';
export { requestLang } from './request-lang';
export { parseZonedDate } from './zoned-date';
export { runChannelKey } from './channel-cli';
export { openApiDocument } from './openapi';
