// The revised-PI dialog, state by state: nothing ticked at first, the account the bank refused
// must be replaced (typed twice, spaces dropped), the IFSC is checked by main against the RBI
// list and its bank named, the reason a button is disabled is said, and a review step shows
// what will be sent and the total before anything is sent.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CorEligibility, IfscCheck } from '../../shared/types';
import { benf, detail, fail, ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

// What main's ifsc.check answers for the codes these tests use (main/core/payments/ifsc.ts).
const BRANCHES: Record<string, string> = {
  SBIN0003491: 'State Bank of India',
  UBIN0553841: 'Union Bank of India',
};
function ifscAnswers() {
  api().answer('ifsc.check', ({ codes }) =>
    ok(
      codes.map((code): IfscCheck =>
        BRANCHES[code]
          ? { code, valid: true, bankName: BRANCHES[code]!, message: null }
          : {
              code,
              valid: false,
              bankName: null,
              message: `IFSC ${code} is not a bank branch in the RBI list.`,
            },
      ),
    ),
  );
}

function eligibility(overrides: Partial<CorEligibility> = {}): CorEligibility {
  return {
    allowed: true,
    reason: null,
    newPiOffered: false,
    windowEndsOn: '2023-12-31',
    beneficiaries: [
      benf(2, { name: 'Kuni Majhi', status: 'Payment Failed', failedReason: 'Account closed' }),
      benf(4, {
        name: 'Bhagaban Sethi',
        status: 'Payment Failed',
        failedReason: 'Beneficiary bank CBS offline',
        amountPaise: 250_050,
      }),
    ],
    ...overrides,
  };
}

async function openDialog(elig = eligibility()) {
  api().answer('pi.get', ok(detail()));
  api().answer('cor.check', ok(elig));
  ifscAnswers();
  renderApp('#/pi/7');
  fireEvent.click(await screen.findByRole('button', { name: 'Generate Revised PI' }));
  const dialog = await screen.findByRole('dialog', { name: /Generate Revised PI/ });
  await within(dialog).findByText('Kuni Majhi');
  return dialog;
}

const input = (dialog: HTMLElement, name: string | RegExp) =>
  within(dialog).getByRole('textbox', { name }) as HTMLInputElement;
const button = (dialog: HTMLElement, name: string) =>
  within(dialog).getByRole('button', { name }) as HTMLButtonElement;
// The footer line that says why the button is disabled, or what is selected.
const status = (dialog: HTMLElement) => dialog.querySelector('.revise-status')!.textContent;
const type = (el: HTMLInputElement, value: string) => fireEvent.change(el, { target: { value } });

describe('Generate Revised PI dialog', () => {
  it('starts with nothing ticked, the fields locked and Review disabled with the reason', async () => {
    const dialog = await openDialog();
    for (const name of ['Include Kuni Majhi', 'Include Bhagaban Sethi'])
      expect((within(dialog).getByRole('checkbox', { name }) as HTMLInputElement).checked).toBe(
        false,
      );
    expect(input(dialog, 'Corrected account number for Kuni Majhi').disabled).toBe(true);
    expect(button(dialog, 'Review…').disabled).toBe(true);
    expect(status(dialog)).toBe('Tick at least one failed beneficiary to include.');
    expect(api().requestsFor('cor.create')).toEqual([]);
  });

  it('requires a new account typed twice when the bank refused the account, spaces dropped', async () => {
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Kuni Majhi' }));
    await waitFor(() =>
      expect(status(dialog)).toBe(
        'Kuni Majhi: enter the new account number (the bank said: account closed).',
      ),
    );
    expect(button(dialog, 'Review…').disabled).toBe(true);

    const account = input(dialog, 'Corrected account number for Kuni Majhi');
    type(account, '1000 0000 0002');
    expect(account.value).toBe('100000000002');
    expect(status(dialog)).toBe('Kuni Majhi: this is the account that failed: enter the new one.');
    type(account, '12345');
    expect(within(dialog).getByText('the account number must be 9 to 18 digits')).toBeTruthy();

    type(account, '3201 1456 789');
    expect(account.value).toBe('32011456789');
    expect(status(dialog)).toBe('Kuni Majhi: type the new account number again to confirm it.');
    const again = input(dialog, 'Account number again for Kuni Majhi');
    type(again, '32011456798');
    expect(within(dialog).getByText('the two account numbers differ')).toBeTruthy();
    expect(button(dialog, 'Review…').disabled).toBe(true);
    type(again, '320 114 56789');
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));
    expect(status(dialog)).toBe('1 selected · ₹1,000.00');

    // Changing the account asks for it again.
    type(account, '32011456780');
    expect(again.value).toBe('');
    expect(button(dialog, 'Review…').disabled).toBe(true);
  });

  it('checks a typed IFSC in main: a made-up code is refused, a real one shows its bank', async () => {
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Bhagaban Sethi' }));
    // A technical failure needs nothing corrected; the current IFSC's bank is shown.
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Bank for Bhagaban Sethi').textContent).toBe(
        'State Bank of India',
      ),
    );
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));

    const ifsc = input(dialog, 'Corrected IFSC for Bhagaban Sethi');
    type(ifsc, 'sbin0oo3491');
    expect(ifsc.value).toBe('SBIN0OO3491');
    await within(dialog).findByText('IFSC SBIN0OO3491 is not a bank branch in the RBI list.');
    expect(ifsc.getAttribute('aria-invalid')).toBe('true');
    expect(status(dialog)).toMatch(/^Bhagaban Sethi: IFSC SBIN0OO3491 is not a bank branch/);
    expect(button(dialog, 'Review…').disabled).toBe(true);

    type(ifsc, 'SBIN03491');
    expect(within(dialog).getByText(/^the IFSC must be 4 letters, 0, then 6/)).toBeTruthy();

    type(ifsc, 'UBIN 0553 841');
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Bank for Bhagaban Sethi').textContent).toBe(
        'Union Bank of India',
      ),
    );
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));
    expect(
      api()
        .requestsFor('ifsc.check')
        .flatMap((r) => r.codes),
    ).toEqual(['SBIN0003491', 'SBIN0OO3491', 'UBIN0553841']);
  });

  it('requires a corrected IFSC when the bank refused the IFSC, and cautions about a current one not in the list', async () => {
    const dialog = await openDialog(
      eligibility({
        beneficiaries: [
          benf(2, { name: 'Kuni Majhi', status: 'Payment Failed', failedReason: 'Invalid IFSC' }),
          benf(4, {
            name: 'Bhagaban Sethi',
            status: 'Payment Failed',
            failedReason: 'Technical error',
            ifsc: 'SBIN0999999',
          }),
        ],
      }),
    );
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Kuni Majhi' }));
    await waitFor(() =>
      expect(status(dialog)).toBe('Kuni Majhi: enter the corrected IFSC (the bank said: IFSC).'),
    );
    type(input(dialog, 'Corrected IFSC for Kuni Majhi'), 'UBIN0553841');
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));

    // The IFSC already on the bill was taken by the treasury: a caution, not a stop.
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Bhagaban Sethi' }));
    await within(dialog).findByText(/the current IFSC is not in the bank branch list/);
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));
  });

  it('reviews what will be sent and the total, then sends cor.create with the corrections', async () => {
    const dialog = await openDialog();
    api().answer(
      'cor.create',
      ok({
        piId: 31,
        billNo: 'COR-1013/2023-24/000190',
        status: 'Initiated',
        outcome: 'OK',
        message: 'On call of COR API: Response is received and updated successfully',
      }),
    );
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Kuni Majhi' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Bhagaban Sethi' }));
    type(input(dialog, 'Corrected account number for Kuni Majhi'), '32011456789');
    type(input(dialog, 'Account number again for Kuni Majhi'), '32011456789');
    type(input(dialog, 'Corrected IFSC for Kuni Majhi'), 'UBIN0553841');
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));
    expect(status(dialog)).toBe('2 selected · ₹3,500.50');
    fireEvent.click(button(dialog, 'Review…'));

    const review = within(dialog).getByRole('table', { name: 'What will be sent' });
    const [kuni, bhagaban] = within(review).getAllByRole('row').slice(1);
    expect(kuni!.textContent).toMatch(/Kuni Majhi.*100000000002.*→.*32011456789/);
    expect(kuni!.textContent).toMatch(/SBIN0003491.*→.*UBIN0553841.*Union Bank of India/);
    expect(bhagaban!.textContent).toMatch(/100000000004 \(unchanged\)/);
    expect(bhagaban!.textContent).toMatch(/SBIN0003491 \(unchanged\).*State Bank of India/);
    expect(within(review).getByLabelText('Total').textContent).toBe('₹3,500.50');
    expect(api().requestsFor('cor.create')).toEqual([]);

    // Back keeps what was typed.
    fireEvent.click(button(dialog, 'Back'));
    expect(input(dialog, 'Corrected account number for Kuni Majhi').value).toBe('32011456789');
    fireEvent.click(button(dialog, 'Review…'));
    fireEvent.click(button(dialog, 'Send revised PI'));
    await waitFor(() =>
      expect(api().requestsFor('cor.create')).toEqual([
        {
          piId: 7,
          beneficiaries: [
            { beneficiaryId: 2, correctedAccountNo: '32011456789', correctedIfsc: 'UBIN0553841' },
            { beneficiaryId: 4 },
          ],
        },
      ]),
    );
    await waitFor(() => expect(window.location.hash).toBe('#/pi/31'));
  });

  it('shows the refusal from main inside the dialog and stays on the PI', async () => {
    const dialog = await openDialog();
    api().answer(
      'cor.create',
      fail(
        'REFUSED',
        'The IFSC for Bhagaban Sethi is refused: IFSC SBIN0003491 is not a bank branch.',
      ),
    );
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Bhagaban Sethi' }));
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));
    fireEvent.click(button(dialog, 'Review…'));
    fireEvent.click(button(dialog, 'Send revised PI'));
    await within(dialog).findByText(/The IFSC for Bhagaban Sethi is refused/);
    expect(window.location.hash).toBe('#/pi/7');
  });

  it('says why a revised PI cannot be made and keeps everything disabled', async () => {
    const dialog = await openDialog(
      eligibility({
        allowed: false,
        reason: 'PI-1 is Failed; only a Completed payment instruction can be revised.',
      }),
    );
    expect(status(dialog)).toBe(
      'PI-1 is Failed; only a Completed payment instruction can be revised.',
    );
    expect(button(dialog, 'Review…').disabled).toBe(true);
    expect(
      (within(dialog).getByRole('checkbox', { name: 'Include Kuni Majhi' }) as HTMLInputElement)
        .disabled,
    ).toBe(true);
  });

  it('after the window, reviews and moves the failed amount to a new payment instead', async () => {
    const dialog = await openDialog(
      eligibility({
        allowed: false,
        reason: 'The revised PI window closed on 30 Apr 2024.',
        newPiOffered: true,
      }),
    );
    api().answer(
      'pi.reissue',
      ok({ paymentId: 12, paymentNumber: 'EP/2023-24/000180/R1', amountPaise: 250_050 }),
    );
    expect(within(dialog).getByText(/needs a new original PI/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include Bhagaban Sethi' }));
    await waitFor(() => expect(button(dialog, 'Review…').disabled).toBe(false));
    fireEvent.click(button(dialog, 'Review…'));
    expect(within(dialog).getByText(/1 failed amount moves from .* to a new payment/)).toBeTruthy();
    fireEvent.click(button(dialog, 'Move to a new payment'));
    await waitFor(() =>
      expect(api().requestsFor('pi.reissue')).toEqual([
        { piId: 7, beneficiaries: [{ beneficiaryId: 4 }] },
      ]),
    );
    expect(api().requestsFor('cor.create')).toEqual([]);
    await waitFor(() => expect(window.location.hash).toBe('#/payments'));
  });
});
