// Under a PI row in search results: the beneficiary the search found on that PI.
import type { BeneficiaryMatch } from '../../../shared/types';
import { StatusChip } from '../components/ui';

export function MatchLine({ match }: { match: BeneficiaryMatch }) {
  return (
    <div className="match-line" aria-label={`Matched beneficiary ${match.name}`}>
      <span aria-hidden="true">↳</span>
      <strong>{match.name}</strong>
      <span className="mono muted">{match.benfId}</span>
      <span>
        A/c <span className="mono">{match.accountNo}</span>
      </span>
      {match.utrNo && (
        <span>
          UTR <span className="mono">{match.utrNo}</span>
        </span>
      )}
      {match.mobile && <span className="mono muted">{match.mobile}</span>}
      <StatusChip status={match.status} />
    </div>
  );
}
