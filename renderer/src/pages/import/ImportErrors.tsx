// Why an import file was refused: the errors grouped by kind with counts, the first 200 of the
// group in view with the value found and a hint, and every error downloadable as CSV.
import { useState } from 'react';
import type { ImportError, ImportErrorKind } from '../../../../shared/types';
import { formatCount } from '../../format';
import { downloadCsv, errorsCsv } from './errors-csv';
import { KIND_LABELS, KIND_ORDER } from './kinds';

export const SHOWN_ERRORS = 200;

export function ImportErrors({
  fileName,
  errors,
  onDismiss,
}: {
  fileName: string;
  errors: ImportError[];
  onDismiss(): void;
}) {
  const [kind, setKind] = useState<ImportErrorKind | null>(null);
  const counts = new Map<ImportErrorKind, number>();
  for (const e of errors) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const groups = KIND_ORDER.filter((k) => counts.has(k));
  const inView = kind ? errors.filter((e) => e.kind === kind) : errors;
  const shown = inView.slice(0, SHOWN_ERRORS);
  const n = errors.length;
  return (
    <div className="banner banner-error import-report" role="alert">
      <div className="banner-body column">
        <strong>
          {fileName} was not imported: {formatCount(n)} {n === 1 ? 'problem' : 'problems'}. Nothing
          from this file was saved; fix the file and import it again.
        </strong>
        {groups.length > 1 && (
          <div className="import-groups" role="group" aria-label="Problems by kind">
            <button
              type="button"
              className={`btn btn-small${kind === null ? ' active' : ''}`}
              aria-pressed={kind === null}
              onClick={() => setKind(null)}
            >
              All {formatCount(n)}
            </button>
            {groups.map((k) => (
              <button
                key={k}
                type="button"
                className={`btn btn-small${kind === k ? ' active' : ''}`}
                aria-pressed={kind === k}
                onClick={() => setKind(k)}
              >
                {KIND_LABELS[k]} {formatCount(counts.get(k)!)}
              </button>
            ))}
          </div>
        )}
        <div className="import-errors-wrap">
          <table className="table import-errors-table" aria-label="Import errors">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
                <th scope="col">Value in the file</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e, i) => (
                <tr key={i}>
                  <td className="mono">{e.line === 0 ? 'file' : e.line}</td>
                  <td className="mono">{e.field ?? ''}</td>
                  <td>
                    <div>{e.message}</div>
                    {e.hint && <div className="small import-hint">{e.hint}</div>}
                  </td>
                  <td className="mono">{e.value ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="import-more small">
          {inView.length > shown.length && (
            <span>
              Showing the first {SHOWN_ERRORS} of {formatCount(inView.length)}.{' '}
            </span>
          )}
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              downloadCsv(`${fileName.replace(/\.[^.]*$/, '')}-errors.csv`, errorsCsv(errors))
            }
          >
            Download all {formatCount(n)} as CSV
          </button>
        </div>
      </div>
      <button type="button" className="btn btn-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
