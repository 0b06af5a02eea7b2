// An allotment source: a head of account as the sandbox scenario's `allotments` name it. The
// demo ULB is registered from these by main/console.ts (through the Settings save).
export interface AllotmentSource {
  hoa: string;
  ddoCode: string;
  granteCode: string;
  ssuId: string;
  granteeName?: string;
}
