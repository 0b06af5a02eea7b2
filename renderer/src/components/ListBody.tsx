// What every list page shows around its table: the error (with Try again), the first load,
// the empty state, or the table; and under it how much of the list is loaded.
import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import { formatCount } from '../format';
import { EmptyState, ErrorBanner, Loading } from './ui';

export function ListBody({
  error,
  errorTitle,
  onRetry,
  loading,
  count,
  emptyTitle,
  empty,
  children,
}: {
  error: ApiError | null;
  errorTitle: string;
  onRetry?(): void;
  /** The first page has not arrived yet. */
  loading: boolean;
  count: number;
  emptyTitle: string;
  empty?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {error && <ErrorBanner error={error} onRetry={onRetry} title={errorTitle} />}
      {loading && count === 0 ? (
        <Loading />
      ) : count === 0 ? (
        error ? null : (
          <EmptyState title={emptyTitle}>{empty}</EmptyState>
        )
      ) : (
        children
      )}
    </>
  );
}

/** "Showing 200 of 12,345; scroll for more" when the list is longer than what is loaded. */
export function LoadedCount({ shown, total }: { shown: number; total: number }) {
  if (shown >= total) return null;
  return (
    <span className="muted">
      Showing {formatCount(shown)} of {formatCount(total)}; scroll for more
    </span>
  );
}
