// A modal dialog on the native <dialog> element: focus is trapped by the browser, Esc closes.
import { useEffect, useRef, type ReactNode } from 'react';
import { useToasts } from '../store/toasts';

export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement | null>(null);
  // Notices wait while a dialog is open: nothing may cover it.
  useEffect(() => {
    useToasts.getState().dialogOpened();
    return () => useToasts.getState().dialogClosed();
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) {
      // jsdom has no showModal; the attribute keeps it visible there.
      if (typeof el.showModal === 'function') el.showModal();
      else el.setAttribute('open', '');
    }
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' wide' : ''}`}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dialog-head">
        <h2>{title}</h2>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-label="Close"
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
      {footer && <div className="dialog-foot">{footer}</div>}
    </dialog>
  );
}
