export function JsonView({ value, label }: { value: unknown; label: string }) {
  const text =
    value === null || value === undefined
      ? null
      : typeof value === 'string'
        ? value
        : JSON.stringify(value, null, 2);
  return (
    <section className="json-view">
      <h3>{label}</h3>
      {text === null ? (
        <div className="muted small">Nothing was received.</div>
      ) : (
        <pre tabIndex={0}>{text}</pre>
      )}
    </section>
  );
}
