/**
 * A JSON Schema checker for the tests of the schema files this package publishes (conflict.schema.json,
 * scenario.schema.json): the keywords they use ($ref into $defs, type, required, properties,
 * additionalProperties, propertyNames, enum, const, pattern, minLength, maxLength, minimum, maximum, minItems,
 * maxItems, items, oneOf), applied to a value. Small on purpose: a test that the shipped files and the readers
 * agree with the schemas, not a validator for users.
 */

/** A schema node. The schema files are JSON; their keywords are read with casts to the shapes they give them
 * (each test first checks a shipped file against its schema, so a wrong shape fails loudly). */
export type Schema = Record<string, unknown>;

/** The paths at which `value` fails `node` (default: the whole `schema`). */
export function schemaErrors(
  schema: Schema,
  value: unknown,
  node: Schema | boolean = schema,
  path = '(root)',
): string[] {
  if (node === true) return [];
  if (node === false) return [`${path}: not allowed`];
  const errors: string[] = [];
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/$defs/', '');
    errors.push(...schemaErrors(schema, value, (schema.$defs as Record<string, Schema>)[name]!, path));
  }
  const type = node.type;
  if (type === 'object' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    return [`${path}: not an object`];
  }
  if (type === 'array' && !Array.isArray(value)) return [`${path}: not an array`];
  if (type === 'string' && typeof value !== 'string') return [`${path}: not a string`];
  if ((type === 'number' || type === 'integer') && typeof value !== 'number')
    return [`${path}: not a number`];
  if (type === 'integer' && !Number.isInteger(value)) errors.push(`${path}: not an integer`);
  if (Array.isArray(node.enum) && !node.enum.includes(value)) errors.push(`${path}: not in enum`);
  if ('const' in node && node.const !== value) errors.push(`${path}: not ${node.const}`);
  if (typeof value === 'string') {
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) {
      errors.push(`${path}: does not match pattern`);
    }
    if (typeof node.minLength === 'number' && value.length < node.minLength)
      errors.push(`${path}: too short`);
    if (typeof node.maxLength === 'number' && value.length > node.maxLength) errors.push(`${path}: too long`);
  }
  if (typeof value === 'number') {
    if (typeof node.minimum === 'number' && value < node.minimum) errors.push(`${path}: below minimum`);
    if (typeof node.maximum === 'number' && value > node.maximum) errors.push(`${path}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (typeof node.minItems === 'number' && value.length < node.minItems) errors.push(`${path}: too few`);
    if (typeof node.maxItems === 'number' && value.length > node.maxItems) errors.push(`${path}: too many`);
    const items = node.items as Schema | undefined; // a sub-schema, when the node has `items`
    if (items)
      for (const [i, item] of value.entries())
        errors.push(...schemaErrors(schema, item, items, `${path}[${i}]`));
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entry = value as Record<string, unknown>; // checked to be a plain object just above
    for (const field of (node.required as string[] | undefined) ?? []) {
      if (!(field in entry)) errors.push(`${path}.${field}: required`);
    }
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    const names = node.propertyNames as Schema | undefined; // a sub-schema for the keys, when given
    for (const [field, fieldValue] of Object.entries(entry)) {
      if (names)
        errors.push(...schemaErrors(schema, field, { type: 'string', ...names }, `${path}.${field} (name)`));
      if (properties[field])
        errors.push(...schemaErrors(schema, fieldValue, properties[field], `${path}.${field}`));
      else if (node.additionalProperties === false) errors.push(`${path}.${field}: not allowed`);
      else if (typeof node.additionalProperties === 'object') {
        errors.push(
          ...schemaErrors(schema, fieldValue, node.additionalProperties as Schema, `${path}.${field}`),
        );
      }
    }
  }
  if (Array.isArray(node.oneOf)) {
    const passing = node.oneOf.filter(
      (option: Schema) => schemaErrors(schema, value, option, path).length === 0,
    );
    if (passing.length !== 1) errors.push(`${path}: matches ${passing.length} of oneOf`);
  }
  return errors;
}
