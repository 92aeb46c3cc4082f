import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

const WEB = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === '.next' || name === 'i18n') return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI catalogues', () => {
  it('zh-CN and en have the same keys, every text filled in', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of Object.entries(zhCN)) {
      expect(text.trim(), key).not.toBe('');
      expect(en[key as keyof typeof en].trim(), key).not.toBe('');
    }
  });

  it('each text has the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('no key is unused: each appears as a literal in the web app (keys are never built at run time)', () => {
    const code = sources(WEB).map((f) => readFileSync(f, 'utf8')).join('\n');
    // Keys of the form renderer (form.*) are checked by its own tests.
    const unused = Object.keys(zhCN).filter((key) => !key.startsWith('form.') && !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });
});
