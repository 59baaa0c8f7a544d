import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of the most sensitive fields (ADR 0013). AES-256-GCM: authenticated, so a
 * changed ciphertext fails to decrypt instead of yielding altered text. Every ciphertext names
 * the key it was written with, so keys can be rotated: add a new key in front, re-encrypt
 * (`signaal keys reencrypt`), then remove the old one.
 *
 * Text form:  sg1:<keyId>:<base64(iv 12 | tag 16 | ciphertext)>
 * JSON form:  sgj1:<keyId>:<...>   (a jsonb column holding a JSON string; decrypts to parsed JSON)
 */
export interface FieldKey {
  id: string;
  key: Buffer;
}

export class FieldCryptoError extends Error {
  override name = 'FieldCryptoError';
}

const TEXT = 'sg1';
const JSON_PREFIX = 'sgj1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** Strict shape, so free text a user typed that merely starts with "sg1:" is not taken for ciphertext. */
const CIPHERTEXT = /^(sg1|sgj1):([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]{38,}={0,2})$/;
/**
 * Additional authenticated data: the scheme and the column the value belongs to. A ciphertext
 * copied from a dump into another column (say, pasted by an insider into a free-text field that
 * is read back) does not decrypt there: no decryption oracle across columns.
 */
const aad = (column: string) => Buffer.from(`signaal-field-v1:${column}`);

export function isCiphertext(value: string): boolean {
  return CIPHERTEXT.test(value);
}

/** The key id a ciphertext was written with, or null for anything else (plain text). */
export function keyIdOf(value: string): string | null {
  return CIPHERTEXT.exec(value)?.[2] ?? null;
}

export class FieldCrypto {
  readonly activeKeyId: string;
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: readonly FieldKey[],
    private readonly indexKey: Buffer,
    /** True for the built-in development key: never in production (config refuses it). */
    readonly development = false,
  ) {
    if (keys.length === 0) throw new FieldCryptoError('at least one encryption key is needed');
    for (const k of keys) {
      if (!KEY_ID.test(k.id)) throw new FieldCryptoError(`bad key id '${k.id}'`);
      if (k.key.length !== 32) throw new FieldCryptoError(`key '${k.id}' must be 32 bytes (AES-256)`);
    }
    if (indexKey.length < 32) throw new FieldCryptoError('the blind index key must be at least 32 bytes');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    if (this.keys.size !== keys.length) throw new FieldCryptoError('key ids must be unique');
    this.activeKeyId = keys[0]!.id;
  }

  keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** `column`: the column name the value is stored in (bound into the ciphertext). */
  encrypt(plain: string, column: string, form: 'text' | 'json' = 'text'): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(aad(column));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const payload = Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
    return `${form === 'json' ? JSON_PREFIX : TEXT}:${this.activeKeyId}:${payload}`;
  }

  /** Plain text passes through unchanged (rows written before encryption, until re-encrypted). */
  decrypt(value: string, column: string): string {
    const m = CIPHERTEXT.exec(value);
    if (!m) return value;
    const key = this.keys.get(m[2]!);
    // A missing key is a configuration error (removed too early), never silently "no data".
    if (!key) throw new FieldCryptoError(`no key '${m[2]}' configured for stored data (see SIGNAAL_ENCRYPTION_KEYS)`);
    const raw = Buffer.from(m[3]!, 'base64');
    if (raw.length < 28) throw new FieldCryptoError('ciphertext too short');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(aad(column));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError(`stored value failed authentication (key '${m[2]}')`);
    }
  }

  /** Whether a stored value still needs (re-)encryption under the active key. */
  needsRewrite(value: string): boolean {
    return keyIdOf(value) !== this.activeKeyId;
  }

  /**
   * Keyed blind index for equality lookups (BSN matching, national lookup): HMAC-SHA256 with a key
   * of its own, so the database holds neither the number nor an unkeyed hash of it (a plain hash
   * of a 9-digit number is reversed by trying all of them).
   */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(`bsn:${value}`).digest('hex');
  }
}

/** Parses `id:base64,id:base64` (first one active). */
export function parseKeyList(spec: string): FieldKey[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s)
    .map((entry) => {
      const i = entry.indexOf(':');
      if (i <= 0) throw new FieldCryptoError('each key is id:base64');
      const id = entry.slice(0, i);
      const key = Buffer.from(entry.slice(i + 1), 'base64');
      if (!KEY_ID.test(id)) throw new FieldCryptoError(`bad key id '${id}' (letters, digits, - and _)`);
      if (key.length !== 32) throw new FieldCryptoError(`key '${id}' must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
      return { id, key };
    });
}

/**
 * Development and test only: a key everybody can read in this source file. The config refuses to
 * run production without real keys; startup logs a warning whenever this one is in use.
 */
export function developmentFieldCrypto(): FieldCrypto {
  const derive = (label: string) => createHash('sha256').update(`signaal-development-only-not-secret:${label}`).digest();
  return new FieldCrypto([{ id: 'dev', key: derive('field') }], derive('index'), true);
}

let current: FieldCrypto | undefined;

/** The process's keys: set once at startup from configuration (useFieldCrypto). */
export function fieldCrypto(): FieldCrypto {
  current ??= developmentFieldCrypto();
  return current;
}

export function useFieldCrypto(crypto: FieldCrypto): void {
  current = crypto;
}

/** The keys of a loaded configuration; the development key when none are configured (not in production). */
export function fieldCryptoFromConfig(encryption: { keys: FieldKey[]; blindIndexKey: Buffer } | null): FieldCrypto {
  return encryption ? new FieldCrypto(encryption.keys, encryption.blindIndexKey) : developmentFieldCrypto();
}
