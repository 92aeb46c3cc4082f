import { checkChannels, type Channel, type DistrictBundle } from '../config';
import { ConfigError } from '../errors';
import { t, type Lang } from '../i18n';

/**
 * The channels cases arrive through: the district's configured ones, plus sources that plugins
 * register at start-up (a wristband vendor, a sensor network). A registered channel is checked
 * like a configured one, so a bad plugin mapping fails start-up the same way.
 */
export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly bundle: DistrictBundle) {
    for (const c of bundle.district.channels) this.channels.set(c.key, c);
  }

  get(key: string): Channel | undefined {
    return this.channels.get(key);
  }

  list(): Channel[] {
    return [...this.channels.values()];
  }

  /** External channels: the ones with an endpoint and an API key. */
  external(): Channel[] {
    return this.list().filter((c) => c.kind === 'external');
  }

  open311(): Channel | undefined {
    return this.list().find((c) => c.protocol === 'open311');
  }

  /**
   * Adds a channel (a plugin source), or with `replace` swaps its definition (e.g. a fixed mapping).
   * Throws ConfigError naming `source → /channels/<key>/…` for every problem.
   */
  register(channel: Channel, options: { source: string; replace?: boolean; lang?: Lang }): void {
    const lang = options.lang ?? 'en';
    const exists = this.channels.has(channel.key);
    const issues = checkChannels([channel], { lang, district: this.bundle.district, entities: this.bundle.entities, workflows: this.bundle.workflows }, `/channels/${channel.key}`);
    if (exists && !options.replace) issues.push({ path: `/channels/${channel.key}`, message: t(lang, 'config.duplicate', { what: 'channel', key: channel.key }), code: 'duplicate' });
    if (channel.protocol === 'open311' && this.open311() && this.open311()!.key !== channel.key)
      issues.push({ path: `/channels/${channel.key}/protocol`, message: t(lang, 'config.open311Count'), code: 'open311Count' });
    if (issues.length) throw new ConfigError(t(lang, 'config.summary', { dir: options.source, count: issues.length }), issues.map((i) => ({ ...i, file: options.source })));
    this.channels.set(channel.key, channel);
  }
}
