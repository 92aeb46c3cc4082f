// @vitest-environment happy-dom
import { TRPCClientError } from '@trpc/client';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PluginInfo } from '../../../lib/studio-admin-api';
import { type } from '../../form/test-support';
import { installStudioDomShims } from '../test-dom';
import { PluginsEditor, settingsPointer, type SetPlugin } from './plugins-editor';

beforeAll(installStudioDomShims);
afterEach(cleanup);

const bell: PluginInfo = {
  name: 'bell-check-in',
  label: '摇响铃铛',
  version: '1.0.0',
  enabled: true,
  settingsSchema: { type: 'object', properties: { minAge: { type: 'integer', title: '最低年龄', minimum: 0 } } },
  settings: { minAge: 60 },
};

const refusal = (path: string, message: string) =>
  new TRPCClientError(message, { result: { error: { message, code: -32600, data: { issues: [{ path, message, file: 'district.json' }] } } } } as never);

describe('plugins page', () => {
  it('maps district.json pointers of settings issues onto the form’s fields', () => {
    expect(settingsPointer('bell-check-in', '/plugins/bell-check-in/settings/minAge')).toBe('/minAge');
    expect(settingsPointer('bell-check-in', '/settings/onNoAnswer/0')).toBe('/onNoAnswer/0');
    expect(settingsPointer('bell-check-in', '/plugins/other/settings/x')).toBe('/plugins/other/settings/x');
  });

  it('switches a plugin off in the draft, and shows the server’s settings error on its field', async () => {
    const calls: Parameters<SetPlugin>[0][] = [];
    const setPlugin: SetPlugin = async (input) => {
      calls.push(input);
      if (input.settings) throw refusal('/plugins/bell-check-in/settings/minAge', '最低年龄不能超过 120');
      return { rev: 1, issues: [] };
    };
    render(<PluginsEditor plugins={[bell]} setPlugin={setPlugin} lang="zh-CN" />);
    const card = document.querySelector('[data-plugin="bell-check-in"]') as HTMLElement;
    await act(async () => fireEvent.click(within(card).getByRole('switch')));
    expect(calls).toEqual([{ name: 'bell-check-in', enabled: false }]);
    expect(within(card).getByText('未启用')).toBeTruthy();
    await type('最低年龄', '200');
    await act(async () => fireEvent.submit(card.querySelector('form')!));
    await screen.findByText('最低年龄不能超过 120');
    expect(calls[1]).toEqual({ name: 'bell-check-in', enabled: false, settings: { minAge: 200 } });
    expect(screen.getByText('最低年龄不能超过 120').closest('.gw-field')).not.toBeNull();
  });
});
