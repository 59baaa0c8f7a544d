import { AppError } from '../errors.ts';

export type AuthErrorCode =
  | 'invalid_credentials'
  | 'account_locked'
  | 'invalid_totp'
  | 'wrong_stage'
  | 'weak_password'
  | 'password_reused'
  | 'invalid_reset_code';

export class AuthError extends AppError<AuthErrorCode> {}
