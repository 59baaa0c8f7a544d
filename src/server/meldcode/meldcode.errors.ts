import { AppError } from '../errors.ts';

export type MeldcodeErrorCode = 'close_reason_required' | 'monitoring_required' | 'unknown_signal' | 'route_only_childcare';
export class MeldcodeError extends AppError<MeldcodeErrorCode> {}
