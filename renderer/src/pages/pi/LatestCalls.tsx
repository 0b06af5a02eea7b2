// The latest call per service in the product pages' words. A "not yet" answer is shown in a
// neutral tone with when the service asks again: nothing is wrong, the treasury is not done.
import type { CallRow, PiDetail } from '../../../../shared/types';
import { isWaiting } from '../../../../shared/waiting';
import { OutcomeText } from '../../components/ui';
import { formatDateTime, formatDuration, OUTCOME_TONE } from '../../format';
import { hrefFor } from '../../store/router';

export function LatestCalls({
  calls,
  piId,
  nextCheckAt,
}: {
  calls: CallRow[];
  piId: number;
  nextCheckAt: PiDetail['nextCheckAt'];
}) {
  return (
    <section className="section">
      <div className="section-head">
        <h2>Latest treasury calls</h2>
        <a className="link small no-print" href={hrefFor('calls', null, { piId })}>
          Full call log for this PI →
        </a>
      </div>
      {calls.length === 0 ? (
        <div className="muted small pad">No treasury call has been made for this PI yet.</div>
      ) : (
        <ul className="call-list" aria-label="Latest call per service">
          {calls.map((c) => {
            const waiting = c.outcome === 'ERROR' && isWaiting(c.message);
            const next = nextCheckAt[c.service];
            return (
              <li
                key={c.id}
                className={`call-item tone-border-${waiting ? 'neutral' : OUTCOME_TONE[c.outcome]}`}
              >
                <span className="svc">{c.service}</span>
                <span className="call-text">
                  <OutcomeText outcome={c.outcome} message={c.message} />
                  {waiting && (
                    <span className="muted small next-check">
                      Not yet: {c.service} asks again{' '}
                      {next ? `at its next run, ${formatDateTime(next)}` : 'at its next run'}.
                    </span>
                  )}
                </span>
                <span className="call-meta muted small">
                  {formatDateTime(c.startedAt)} · attempt {c.attempt} ·{' '}
                  {formatDuration(c.durationMs)}
                </span>
                <a
                  className="link small no-print"
                  href={hrefFor('calls', null, { piId, call: c.id })}
                >
                  Details
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
