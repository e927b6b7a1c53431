/** A statement rewritten for PostgreSQL, with how to order its parameters. */
export interface PostgresStatement {
  text: string;
  /** For `@name` placeholders: the object key of `$1`, `$2`… (null: positional `?`). */
  names: string[] | null;
}

const cache = new Map<string, PostgresStatement>();

/**
 * Rewrites SQL written for both engines into PostgreSQL's form: `?` and `@name` become `$1`, `$2`…, and a
 * camelCase alias (`AS createdAt`) is quoted so PostgreSQL does not fold it to lower case. String literals
 * and quoted identifiers are left alone. Cached by text, so each statement is rewritten once.
 */
export function toPostgres(sql: string): PostgresStatement {
  const cached = cache.get(sql);
  if (cached) return cached;
  let text = '';
  let positional = 0;
  const names: string[] = [];
  let code = '';
  const flushCode = () => {
    text += code.replace(/\bAS\s+([a-z_][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, 'AS "$1"');
    code = '';
  };
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unterminated ${c} in SQL: ${sql}`);
      flushCode();
      text += sql.slice(i, close + 1);
      i = close;
    } else if (c === '?') {
      code += `$${++positional}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))![0];
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      code += `$${index + 1}`;
      i += name.length;
    } else {
      code += c;
    }
  }
  flushCode();
  if (positional > 0 && names.length > 0) throw new Error(`SQL mixes ? and @name placeholders: ${sql}`);
  const statement = { text, names: names.length > 0 ? names : null };
  cache.set(sql, statement);
  return statement;
}

/** The parameter values in `$n` order. */
export function postgresValues(statement: PostgresStatement, params: readonly unknown[]): unknown[] {
  if (!statement.names) return params as unknown[];
  const named = params[0] as Record<string, unknown> | undefined;
  if (params.length !== 1 || named === null || typeof named !== 'object') throw new Error(`SQL with @name placeholders takes one object of values: ${statement.text}`);
  return statement.names.map((name) => {
    if (!(name in named)) throw new Error(`missing value for @${name} in: ${statement.text}`);
    return named[name];
  });
}
