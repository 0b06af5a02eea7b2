// Service → schema of its answer. The client validates data[0] (the whole list for VA).
import type { z } from 'zod';
import type { Service } from '../../../shared/status';
import { vaData, type VaData, type VaParams } from './va';
import { piData, type PiData, type PiParams } from './pi';
import { pisData, type PisData, type PisParams } from './pis';
import { pagData, type PagData, type PagParams } from './pag';
import { pdData, type PdData, type PdParams } from './pd';
import { fdData, type FdData, type FdParams } from './fd';
import { corData, type CorData, type CorParams } from './cor';
import { ftpsData, type FtpsData, type FtpsParams } from './ftps';
import { ftfpsData, type FtfpsData, type FtfpsParams } from './ftfps';

export const responseSchemas: Record<Service, z.ZodType> = {
  VA: vaData,
  PI: piData,
  PIS: pisData,
  PAG: pagData,
  PD: pdData,
  FD: fdData,
  COR: corData,
  FTPS: ftpsData,
  FTFPS: ftfpsData,
};

/**
 * VA, FD and FTFPS answer with their whole list (FD: one item per bill); every other service
 * with its first item.
 */
export function answersWithList(service: Service): boolean {
  return service === 'VA' || service === 'FD' || service === 'FTFPS';
}

/** FD and FTFPS with `data: []` and no error mean "nothing failed": an answer, not silence. */
export function emptyIsAnswer(service: Service): boolean {
  return service === 'FD' || service === 'FTFPS';
}

export interface ServiceData {
  VA: VaData;
  PI: PiData;
  PIS: PisData;
  PAG: PagData;
  PD: PdData;
  FD: FdData;
  COR: CorData;
  FTPS: FtpsData;
  FTFPS: FtfpsData;
}

export interface ServiceParams {
  VA: VaParams;
  PI: PiParams;
  PIS: PisParams;
  PAG: PagParams;
  PD: PdParams;
  FD: FdParams;
  COR: CorParams;
  FTPS: FtpsParams;
  FTFPS: FtfpsParams;
}

export type * from './va';
export type * from './pi';
export type * from './pis';
export type * from './pag';
export type * from './pd';
export type * from './fd';
export type * from './cor';
export type * from './ftps';
export type * from './ftfps';
export { isPisDecline } from './pis';
