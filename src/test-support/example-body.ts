import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  pattern?: string;
};

/**
 * A plausible valid body for a route's zod body schema, with every uuid field set to `id`: the
 * attack tests use it to get past validation so that the record check itself is what answers.
 * Best effort (a refinement the JSON schema cannot express still fails validation); the tests
 * count how many requests got through instead of trusting it blindly.
 */
export function exampleBody(schema: unknown, id: string): unknown {
  if (!(schema instanceof z.ZodType)) return {};
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  } catch {
    return {};
  }
  return example(json, id, 'root');
}

function example(s: JsonSchema, id: string, key: string): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return example(alt.find((a) => a.type !== 'null') ?? alt[0]!, id, key);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => example(a, id, key) as object));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = example(s.properties?.[k] ?? {}, id, k);
      return out;
    }
    case 'array': {
      if (s.prefixItems) return s.prefixItems.map((p) => example(p, id, key));
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => example(s.items ?? {}, id, key));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : Math.min(1, s.maximum ?? 1));
    case 'boolean':
      return false;
    case 'string':
      return exampleString(s, id, key);
    default:
      return /id$/i.test(key) ? id : 'x';
  }
}

function exampleString(s: JsonSchema, id: string, key: string): string {
  switch (s.format) {
    case 'uuid':
      return id;
    case 'date-time':
      return new Date(Date.now() - 3600_000).toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'email':
      return 'iemand@test.signaal.example';
    default:
  }
  if (/id$/i.test(key)) return id;
  if (/date|Date|On$|At$/.test(key)) return new Date().toISOString().slice(0, 10);
  if (/municipality/i.test(key)) return 'GM0402';
  if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return new Date().toISOString().slice(0, 10);
  const min = s.minLength ?? 1;
  const text = 'Test (verzonnen) tekst voor een aanvalstest.';
  return text.length >= min ? text.slice(0, s.maxLength ?? text.length) : text.padEnd(min, '.');
}
