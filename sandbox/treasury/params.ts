// The parameters of every service, by their exact names (jit-protocol.md §3). A real treasury
// refuses a request that misses or misnames one; so does the sandbox, so the console's tests
// pin the names rather than our own habits.
import type { Service } from '../../shared/status';

interface ParamSpec {
  names: readonly string[];
  /** The list parameter and the names of each of its items. */
  list?: { name: string; names: readonly string[] };
}

export const PARAMS: Record<Service, ParamSpec> = {
  VA: { names: ['hoa', 'ddoCode', 'granteCode', 'fromDate'] },
  PI: {
    names: [
      'jitBillNo',
      'jitBillDate',
      'jitBillDdoCode',
      'granteeAgCode',
      'schemeCode',
      'hoa',
      'ssuIaId',
      'mstAllotmentDistId',
      'ssuAllotmentId',
      'allotmentTxnSlNo',
      'billGrossAmount',
      'billNetAmount',
      'billNumberOfBenf',
      'purpose',
      'beneficiaryDetails',
    ],
    list: {
      name: 'beneficiaryDetails',
      names: [
        'benefId',
        'benefName',
        'benfAcctNo',
        'benfBankIfscCode',
        'benfMobileNo',
        'benfEmailId',
        'benfAddress',
        'benfAccountType',
        'benfAmount',
        'purpose',
      ],
    },
  },
  PIS: { names: ['jitBillNo', 'jitBillDate', 'ssuIaId'] },
  PAG: { names: ['pmtInstId', 'pmtInstDate', 'billNo', 'billDate', 'ssuIaId'] },
  PD: { names: ['finYear', 'extAppName', 'billRefNo', 'tokenNumber', 'tokenDate'] },
  FD: { names: ['billno', 'billDate', 'adviceId', 'onlineBillRefNo', 'tokenNo', 'tokenDate'] },
  COR: {
    names: [
      'jitCorBillNo',
      'jitCorBillDate',
      'jitCorBillDeptCode',
      'jitOrgBillNo',
      'jitOrgBillDate',
      'jitOrgBillRefNo',
      'beneficiaryDtls',
    ],
    list: {
      name: 'beneficiaryDtls',
      names: [
        'benefId',
        'jitCurBillRefNo',
        'orgAccountNo',
        'orgIfsc',
        'curAccountNo',
        'curIfsc',
        'correctedAccountNo',
        'correctedIfsc',
      ],
    },
  },
  FTPS: {
    names: [
      'jitCorBillNo',
      'jitCorBillDate',
      'jitCorBillDeptCode',
      'jitOrgBillNo',
      'jitOrgBillRefNo',
      'jitOrgBillDate',
    ],
  },
  FTFPS: { names: ['jitCorBillNo', 'jitCorBillDate', 'billRefNo', 'tokenNumber', 'tokenDate'] },
};

/** What is wrong with the request's parameter names; empty when they are exactly the spec's. */
export function paramProblems(service: Service, params: unknown): string[] {
  const spec = PARAMS[service];
  if (!params || typeof params !== 'object' || Array.isArray(params))
    return ['params must be an object'];
  const p = params as Record<string, unknown>;
  const problems = names(p, spec.names, '');
  if (spec.list) {
    const items = p[spec.list.name];
    if (items !== undefined && !Array.isArray(items))
      problems.push(`parameter ${spec.list.name} must be a list`);
    if (Array.isArray(items)) {
      items.forEach((item, i) => {
        const where = `${spec.list!.name}[${i}].`;
        if (!item || typeof item !== 'object') problems.push(`${where} must be an object`);
        else problems.push(...names(item as Record<string, unknown>, spec.list!.names, where));
      });
    }
  }
  return problems;
}

function names(p: Record<string, unknown>, expected: readonly string[], where: string): string[] {
  const missing = expected.filter((n) => p[n] === undefined || p[n] === null);
  const unknown = Object.keys(p).filter((k) => !expected.includes(k));
  return [
    ...missing.map((n) => `mandatory parameter ${where}${n} is missing`),
    ...unknown.map((k) => `unknown parameter ${where}${k}`),
  ];
}
