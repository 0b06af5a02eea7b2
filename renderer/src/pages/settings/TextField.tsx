// One labelled input with its error under it, as every settings form uses.
import type { InputHTMLAttributes } from 'react';

export function TextField({
  label,
  error,
  hint,
  ...input
}: { label: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `f-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="form-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        className={`input${error ? ' invalid' : ''}`}
        aria-invalid={!!error}
        {...input}
      />
      {error ? (
        <div className="field-error">{error}</div>
      ) : (
        hint && <div className="muted small">{hint}</div>
      )}
    </div>
  );
}
