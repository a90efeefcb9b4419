import { useCallback, useRef, useState, type ReactNode } from 'react';

export type Notice = { kind: 'success' | 'error'; text: string };

/**
 * The outcome of an action, said where the person is looking: `slot` renders it, and `announce` moves the
 * focus there so that a screen reader reads it too (the action's button may have gone with its row).
 */
export function useNotice(): { announce: (n: Notice) => void; slot: ReactNode } {
  const [notice, setNotice] = useState<Notice | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const announce = useCallback((n: Notice) => {
    setNotice(n);
    requestAnimationFrame(() => ref.current?.focus());
  }, []);
  const slot = (
    <div ref={ref} tabIndex={-1} className="notice-slot">
      {notice && (
        <p className={`alert alert--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
    </div>
  );
  return { announce, slot };
}
