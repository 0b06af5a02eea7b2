// The seed wording of the two messages; {amount} is rupees with two decimals.
import { rupees } from '../../shared/money';

export type SmsEvent = 'PD' | 'FD';

export function smsBody(event: SmsEvent, amountPaise: number, utrNo: string): string {
  const amount = rupees(amountPaise);
  return event === 'PD'
    ? `Payment of Rs. ${amount} for MUKTA, transaction ${utrNo} is made to your registered bank account. Contact your bank if not credited within 72 hours. MUKTA - Govt. of Odisha.`
    : `Payment of Rs. ${amount} for MUKTA, transaction ${utrNo} is failed. Contact MUKTA Cell at ULB for more detail. MUKTA - Govt. of Odisha.`;
}
