import { NotFoundError } from '../errors';
import { t, type Lang } from '../i18n';
import type { Runtime } from '../runtime';
import { rotateChannelKey } from './api-keys';

/**
 * `gridwork channel key <channel>`: creates or rotates an external channel's API key and prints
 * it once (stdout: the key alone on its last line, so scripts can capture it).
 */
export async function runChannelKey(runtime: Runtime, channelKey: string, lang: Lang, print: (line: string) => void = console.log): Promise<string> {
  const channel = runtime.channels.get(channelKey);
  if (!channel) throw new NotFoundError(t(lang, 'intake.unknownChannel', { channel: channelKey }));
  if (channel.kind !== 'external') throw new NotFoundError(t(lang, 'intake.noEndpoint', { channel: channelKey }));
  const key = await rotateChannelKey(runtime.db, channel.key, runtime.now());
  print(t(lang, 'intake.keyCreated', { channel: channel.key }));
  print(key);
  return key;
}
