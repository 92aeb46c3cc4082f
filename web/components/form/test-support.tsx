import { act, fireEvent, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { preloadWidgets } from './lazy-widget';
import { loadValidator } from './lazy-validator';
import { SchemaForm } from './schema-form';
import type { SchemaFormProps } from './types';

/**
 * antd reads matchMedia for responsive props; happy-dom has none by default. Also loads the lazy
 * widgets and ajv, so forms render synchronously in tests.
 */
export async function installDomShims(): Promise<void> {
  await Promise.all([preloadWidgets(), loadValidator()]);
  if (!window.matchMedia) {
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
  }
}

export function renderForm(props: Partial<SchemaFormProps> & Pick<SchemaFormProps, 'schema'>) {
  const submitted: Record<string, unknown>[] = [];
  const onSubmit = props.onSubmit ?? ((data: Record<string, unknown>) => void submitted.push(data));
  const utils = render(<SchemaForm {...props} onSubmit={onSubmit} />);
  return { ...utils, submitted };
}

export async function settle(ms = 0) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

/** Waits until long forms have mounted all their fields (the form is aria-busy until then). */
export async function mounted() {
  await vi.waitFor(() => {
    if (document.querySelector('form[aria-busy="true"]')) throw new Error('form still mounting');
  });
}

/** Sets an input's value as typing would (label text, or the element itself). */
export async function type(label: string | RegExp | HTMLElement, value: string) {
  if (!(label instanceof HTMLElement)) await mounted();
  const input = (label instanceof HTMLElement ? label : screen.getByLabelText(label)) as HTMLInputElement;
  await act(async () => {
    fireEvent.change(input, { target: { value } });
  });
  return input;
}

export async function submit(name: string | RegExp = /提\s*交|Submit/) {
  await mounted();
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
  // The resolver is async; let react-hook-form settle.
  await settle();
}
