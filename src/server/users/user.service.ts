import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../domain/access/permissions.ts';
import { AppError } from '../errors.ts';
import { generateOneTimePassword, hashPassword } from '../auth/password.ts';

export type UserErrorCode = 'email_taken' | 'unknown_region' | 'no_organisation';
export class UserError extends AppError<UserErrorCode> {}

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: Role;
  regionCode: string;
  organisationId?: string;
}

/**
 * Creates a staff account with a one-time password (to be changed at first sign-in, followed by
 * two-factor set-up). Used by the admin API (scoped: own region only) and by the CLI (owner).
 * Without an explicit organisation the account joins the region's Veilig Thuis organisation,
 * which is created when missing.
 */
export async function createStaffUser(db: Kysely<DB> | Transaction<DB>, input: NewStaffUser) {
  const email = input.email.trim();
  const region = await db.selectFrom('region').select(['code', 'name']).where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw new UserError(400, 'unknown_region', `Onbekende regio: ${input.regionCode}`);
  const taken = await db.selectFrom('staff_user').select('id').where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
  if (taken) throw new UserError(409, 'email_taken', 'Er bestaat al een account met dit e-mailadres');
  let organisationId = input.organisationId;
  if (!organisationId) {
    const kind = input.role === 'partner' ? 'partner' : 'veilig-thuis';
    const name = kind === 'partner' ? `Ketenpartners ${region.name}` : `Veilig Thuis ${region.name}`;
    const org =
      (await db.selectFrom('organisation').select('id').where('name', '=', name).where('region_code', '=', region.code).executeTakeFirst()) ??
      (await db.insertInto('organisation').values({ name, kind, region_code: region.code, partner_type: kind === 'partner' ? 'overig' : null }).returning('id').executeTakeFirstOrThrow());
    organisationId = org.id;
  }
  const oneTimePassword = generateOneTimePassword();
  const user = await db
    .insertInto('staff_user')
    .values({
      email,
      display_name: input.displayName.trim(),
      role: input.role,
      organisation_id: organisationId,
      region_code: region.code,
      password_hash: await hashPassword(oneTimePassword),
      password_must_change: true,
      totp_secret: null,
      locked_until: null,
      disabled_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { user, oneTimePassword };
}
