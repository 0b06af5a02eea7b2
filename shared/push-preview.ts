// What pushing a set of payments would take from each sanction, before anything is sent.
// Amounts are paise.

export interface PushPreviewPayment {
  paymentId: number;
  paymentNumber: string;
  grossPaise: number;
  /** The sanction the push would debit; null when it would be refused. */
  sanctionId: number | null;
  mstAllotmentDistId: string | null;
  hoa: string | null;
  /** The push's own refusal, word for word (lack of funds, or a PI already live). */
  refusal: string | null;
}

export interface PushPreviewSanction {
  sanctionId: number;
  mstAllotmentDistId: string;
  tenantId: string;
  hoa: string;
  availablePaise: number;
  takesPaise: number;
  leftPaise: number;
}

export interface PushPreviewHead {
  tenantId: string;
  hoa: string;
  availablePaise: number;
  takesPaise: number;
  leftPaise: number;
}

export interface PushPreview {
  /** In the order the pushes would be made (the order asked for). */
  payments: PushPreviewPayment[];
  sanctions: PushPreviewSanction[];
  heads: PushPreviewHead[];
  totalPaise: number;
  refusedCount: number;
}
