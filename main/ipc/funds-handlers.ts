import type { App } from '../app';
import { fundsSummary, listAllotments } from '../core/funds/queries';
import { importPayments } from '../core/payments/import';
import { listPayments } from '../core/payments/queries';
import { pushPayment } from '../core/pi/push';
import { corCheck, createRevisedPi } from '../core/pi/revise';
import { runCheck } from '../core/funds/check';
import { previewPushes } from '../core/funds/preview';
import { reissueFailed } from '../core/pi/reissue';
import type { HandlerGroup } from './handlers';

export function fundsHandlers(app: App): HandlerGroup {
  return {
    'funds.summary': () => fundsSummary(app.ledger),
    'allotments.list': (q) => listAllotments(app.ledger, q),
    'payments.import': (q) => importPayments(app, q.fileName, q.content),
    'payments.list': (q) => listPayments(app.ledger, q),
    'pi.push': (q) => pushPayment(app, q.paymentId),
    'cor.check': (q) => corCheck(app, q.piId),
    'cor.create': (q) => createRevisedPi(app, q),
    'pi.reissue': (q) => reissueFailed(app, q),
    'check.run': () => runCheck(app),
    'funds.preview': (q) => previewPushes(app.ledger, q.paymentIds),
  };
}
