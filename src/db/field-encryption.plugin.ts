import type {
  PrimitiveValueListNode} from 'kysely';
import {
  ColumnNode,
  ColumnUpdateNode,
  OperationNodeTransformer,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type UpdateQueryNode,
} from 'kysely';
import { FieldCryptoError, fieldCrypto, isCiphertext } from './field-crypto.ts';

/**
 * The encrypted columns (ADR 0013). Kept in the data layer so that no route or service can store
 * them in clear text by forgetting a call: every insert or update through Kysely that sets one of
 * these columns is rewritten to carry ciphertext, and every result row is decrypted on the way out.
 */
export const ENCRYPTED_COLUMNS: Readonly<Record<string, Readonly<Record<string, 'text' | 'json'>>>> = {
  contact: { summary: 'text', reporter_name: 'text', reporter_contact: 'text' },
  person: { bsn: 'text' },
  case_handling: { assessment_summary: 'text', investigation_summary: 'text' },
  case_step: { note: 'text' },
  case_condition: { check_note: 'text' },
  case_checkin: { note: 'text' },
  case_handover: { content: 'json' },
  chat_message: { body: 'text' },
  meldcode_dossier: { content: 'json' },
  data_subject_request: { note: 'text', decision_reason: 'text' },
};

/** Columns filled from another column's clear text by a keyed blind index (equality lookups). */
export const BLIND_INDEXES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  person: { bsn: 'bsn_index' },
};

const ENCRYPTED_NAMES = new Set(Object.values(ENCRYPTED_COLUMNS).flatMap((c) => Object.keys(c)));

export function encryptValue(value: unknown, form: 'text' | 'json', column: string): unknown {
  if (value === null || value === undefined) return value;
  const crypto = fieldCrypto();
  if (form === 'json') {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    // Stored as a JSON string inside the jsonb column.
    return JSON.stringify(crypto.encrypt(text, column, 'json'));
  }
  if (typeof value !== 'string') throw new FieldCryptoError('an encrypted text column takes a string');
  // The empty string (a melding without story, an imported contact) says nothing: kept as is,
  // so bulk imports through SQL need no rewrite afterwards.
  if (value === '') return value;
  return crypto.encrypt(value, column);
}

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'TableNode') return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  if (node.kind === 'AliasNode') return tableName((node as unknown as { node: OperationNode }).node);
  return undefined;
}

function columnName(node: OperationNode): string | undefined {
  if (node.kind === 'ColumnNode') return (node as ColumnNode).column.name;
  return undefined;
}

function encryptNode(node: OperationNode, form: 'text' | 'json', column: string, where: string): OperationNode {
  if (node.kind === 'ValueNode') return ValueNode.create(encryptValue((node as ValueNode).value, form, column));
  if (node.kind === 'DefaultInsertValueNode') return node;
  // A raw SQL expression cannot be encrypted here: refuse rather than store clear text.
  throw new FieldCryptoError(`${where} is encrypted: set it to a value, not an SQL expression`);
}

function indexNode(node: OperationNode, where: string): OperationNode {
  if (node.kind === 'ValueNode') {
    const v = (node as ValueNode).value;
    return ValueNode.create(typeof v === 'string' ? fieldCrypto().blindIndex(v) : null);
  }
  if (node.kind === 'DefaultInsertValueNode') return node;
  throw new FieldCryptoError(`${where} is indexed: set it to a value, not an SQL expression`);
}

class EncryptWrites extends OperationNodeTransformer {
  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const base = super.transformInsertQuery(node);
    const table = tableName(base.into);
    const spec = table ? ENCRYPTED_COLUMNS[table] : undefined;
    if (!table || !spec || !base.columns || !base.values || base.values.kind !== 'ValuesNode') return base;
    const names = base.columns.map((c) => columnName(c) ?? '');
    const indexes = BLIND_INDEXES[table] ?? {};
    const extra = names.filter((n) => indexes[n] && !names.includes(indexes[n]));
    const rows = (base.values as ValuesNode).values.map((row) => {
      const cells: OperationNode[] =
        row.kind === 'PrimitiveValueListNode'
          ? (row as PrimitiveValueListNode).values.map((v) => ValueNode.create(v))
          : [...(row as ValueListNode).values];
      const out = cells.map((cell, i) => {
        const form = spec[names[i]!];
        return form ? encryptNode(cell, form, names[i]!, `${table}.${names[i]}`) : cell;
      });
      for (const source of extra) out.push(indexNode(cells[names.indexOf(source)]!, `${table}.${source}`));
      return ValueListNode.create(out);
    });
    return {
      ...base,
      columns: [...base.columns, ...extra.map((s) => ColumnNode.create(indexes[s]!))],
      values: ValuesNode.create(rows),
    };
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const base = super.transformUpdateQuery(node);
    const table = tableName(base.table);
    const spec = table ? ENCRYPTED_COLUMNS[table] : undefined;
    if (!table || !spec || !base.updates) return base;
    const indexes = BLIND_INDEXES[table] ?? {};
    const updates: ColumnUpdateNode[] = [];
    for (const u of base.updates) {
      const name = columnName(u.column);
      const form = name ? spec[name] : undefined;
      if (!name || !form) {
        updates.push(u);
        continue;
      }
      updates.push(ColumnUpdateNode.create(u.column, encryptNode(u.value, form, name, `${table}.${name}`)));
      const index = indexes[name];
      if (index) updates.push(ColumnUpdateNode.create(ColumnNode.create(index), indexNode(u.value, `${table}.${name}`)));
    }
    return { ...base, updates };
  }
}

/**
 * Decrypts the values of encrypted columns (by name, also inside JSON rows). Only those: a
 * ciphertext-shaped string anywhere else is text somebody typed and is shown as typed, and never
 * run through the cipher (no oracle). A failure in an encrypted column is tampering or a missing
 * key: the request fails rather than showing nothing or the ciphertext.
 */
function decryptDeep(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') {
    if (key === undefined || !ENCRYPTED_NAMES.has(key) || !isCiphertext(value)) return value;
    const plain = fieldCrypto().decrypt(value, key);
    return value.startsWith('sgj1:') ? (JSON.parse(plain) as unknown) : plain;
  }
  if (Array.isArray(value)) return value.map((v) => decryptDeep(v, undefined));
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decryptDeep(v, k);
    return out;
  }
  return value;
}

export class FieldEncryptionPlugin implements KyselyPlugin {
  private readonly writes = new EncryptWrites();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' || node.kind === 'UpdateQueryNode') return this.writes.transformNode(node);
    return node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const result = args.result;
    if (result.rows.length === 0) return Promise.resolve(result);
    return Promise.resolve({ ...result, rows: result.rows.map((r) => decryptDeep(r, undefined) as UnknownRow) });
  }
}
