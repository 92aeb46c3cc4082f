import { installDomShims } from '../form/test-support';

/** antd and React Flow in happy-dom: matchMedia (antd), ResizeObserver and DOMMatrix (React Flow). */
export async function installStudioDomShims(): Promise<void> {
  await installDomShims();
  const w = window as unknown as Record<string, unknown>;
  if (!w.ResizeObserver) {
    w.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  if (!w.DOMMatrixReadOnly) {
    w.DOMMatrixReadOnly = class {
      m22 = 1;
      constructor(_t?: string) {}
    };
  }
}
