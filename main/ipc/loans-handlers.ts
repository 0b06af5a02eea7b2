import type { App } from '../app';
import { approveRequest, rejectRequest } from '../core/loans/decide';
import { importLoans } from '../core/loans/import';
import { listLoans, listRequests } from '../core/loans/queries';
import { saveServiceRequest } from '../core/loans/save';
import { issueToken, listTokens, revokeToken } from '../core/loans/tokens';
import { addUser, listUsers } from '../core/loans/users';
import type { HandlerGroup } from './handlers';

/** Without configured users the console is one operator: its decisions are the console's. */
const who = (actor: string | undefined) => actor || 'console';

export function loansHandlers(app: App): HandlerGroup {
  return {
    'loans.list': (q) => listLoans(app.ledger, q),
    'loans.import': (q) => importLoans(app, q.fileName, q.content),
    'loans.requests': (q) => listRequests(app.ledger, q),
    'loans.request.create': (q) =>
      saveServiceRequest(app, q.body, { source: 'console', maker: who(q.actor) }),
    'loans.request.approve': (q) =>
      approveRequest(app, { id: q.id, actor: who(q.actor), reason: q.reason }),
    'loans.request.reject': (q) =>
      rejectRequest(app, { id: q.id, actor: who(q.actor), reason: q.reason }),
    'loans.tokens': () => listTokens(app.ledger),
    'loans.token.issue': (q) => issueToken(app.ledger, q.name, q.days, app.now()),
    'loans.token.revoke': (q) => revokeToken(app.ledger, q.id, app.now()),
    'loans.users': () => listUsers(app.ledger),
    'loans.user.add': (q) => addUser(app.ledger, q.name, app.now()),
  };
}
