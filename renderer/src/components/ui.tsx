// Small building blocks every screen shares: chips, banners, empty and loading states.
import type { ReactNode } from 'react';
import type { Outcome } from '../../../shared/status';
import { isWaiting } from '../../../shared/waiting';
import type { ApiError } from '../api';
import { formatInr, OUTCOME_LABEL, OUTCOME_TONE, toneOf, type Tone } from '../format';

export function StatusChip({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="muted">—</span>;
  return <span className={`chip tone-${toneOf(status)}`}>{status}</span>;
}

export function Chip({
  tone,
  children,
  title,
}: {
  tone: Tone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`chip tone-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function OutcomeChip({ outcome }: { outcome: Outcome }) {
  return <span className={`chip tone-${OUTCOME_TONE[outcome]}`}>{OUTCOME_LABEL[outcome]}</span>;
}

/** A treasury message coloured by how the call ended (seed wording shown as it is). */
export function OutcomeText({
  outcome,
  message,
}: {
  outcome: Outcome | null;
  message: string | null;
}) {
  if (!message) return <span className="muted">—</span>;
  // "Not yet" is shown neutral: the treasury answered and nothing needs fixing.
  const tone =
    outcome === 'ERROR' && isWaiting(message)
      ? 'neutral'
      : outcome
        ? OUTCOME_TONE[outcome]
        : 'muted';
  return (
    <span className={`outcome-text text-${tone}`} title={message}>
      {message}
    </span>
  );
}

export function Money({ paise, strong }: { paise: number; strong?: boolean }) {
  return <span className={`money${strong ? ' strong' : ''}`}>{formatInr(paise)}</span>;
}

export function ErrorBanner({
  error,
  onRetry,
  title,
}: {
  error: ApiError;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <div className="banner banner-error" role="alert">
      <div className="banner-body">
        <strong>{title ?? 'Could not load'}</strong>
        <span>{error.message}</span>
        <span className="banner-code">{error.code}</span>
      </div>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Banner({
  tone,
  children,
}: {
  tone: 'ok' | 'warn' | 'info' | 'error';
  children: ReactNode;
}) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="banner-body">{children}</div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <div className="empty-title">{title}</div>
      {children && <div className="empty-text">{children}</div>}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ProgressBar({ value, label }: { value: number | null; label?: string }) {
  const pct = value === null ? null : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className={`progress${pct === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
    >
      <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

export function Field({
  label,
  children,
  mono,
}: {
  label: string;
  children: ReactNode;
  mono?: boolean;
}) {
  return (
    <div className="field">
      <div className="field-label">{label}</div>
      <div className={`field-value${mono ? ' mono' : ''}`}>{children ?? '—'}</div>
    </div>
  );
}

export function PageHeader({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <div className="page-subtitle">{subtitle}</div>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}
