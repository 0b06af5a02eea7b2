// A bank's return reason with its class, and on request the fix it needs.
import { classifyFailure } from '../../../shared/failure';
import { Chip } from '../components/ui';

export function FailureReason({ reason, withFix }: { reason: string; withFix?: boolean }) {
  const advice = classifyFailure(reason);
  const text = reason.trim();
  // The class alone when the bank's words say nothing more.
  const same = text.toLowerCase() === advice.label.toLowerCase();
  return (
    <span className="failure-reason">
      <Chip tone="error" title={advice.fix}>
        {advice.label}
      </Chip>
      {!same && <span className="text-error"> {text}</span>}
      {withFix && <span className="muted small failure-fix">{advice.fix}</span>}
    </span>
  );
}
