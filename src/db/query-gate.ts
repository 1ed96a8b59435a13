import type {
  CompiledQuery,
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** What a query reaches: the tables its builder named, and the text of any raw SQL in it. */
export interface QueryShape {
  tables: ReadonlySet<string>;
  raw: readonly string[];
  /**
   * Whether it inserts, updates or deletes: anywhere in its tree, a CTE included; raw SQL when such a word (or
   * create, drop, alter, truncate) appears anywhere in it, so a `select … for update` counts as a write too.
   */
  writes: boolean;
}

/**
 * A plugin that may refuse a query before it runs (the guard's door, src/guard/door.ts). Kysely shows a
 * plugin every query it builds; a query compiled once and run many times (src/db/precompiled.ts) or raw
 * SQL sent as a compiled query (src/db/bulk.ts) passes no plugin, so those ask `admitCompiled` themselves.
 */
export abstract class QueryGate implements KyselyPlugin {
  /** Throws when the query may not run here. */
  abstract admit(shape: QueryShape): void;

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    this.admit(shapeOf(node));
    return node;
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}

/** What a query runner offers that `admitCompiled` reads: its executor and the executor's plugins. */
interface WithPlugins {
  getExecutor(): { plugins: readonly KyselyPlugin[] };
}

/** Asks every gate installed on `db` whether a query compiled earlier (or by hand) may run now. */
export function admitCompiled(db: WithPlugins, query: CompiledQuery | QueryShape): void {
  const gates = db.getExecutor().plugins.filter((p): p is QueryGate => p instanceof QueryGate);
  if (gates.length === 0) return;
  const shape = 'sql' in query ? shapeOf(query.query) : query;
  for (const gate of gates) gate.admit(shape);
}

const shapes = new WeakMap<OperationNode, QueryShape>();

/** The tables a query names and its raw SQL fragments, found by walking the query's operation tree. */
export function shapeOf(node: OperationNode): QueryShape {
  const known = shapes.get(node);
  if (known !== undefined) return known;
  const tables = new Set<string>();
  const raw: string[] = [];
  const kinds = new Set<string>();
  walk(node, tables, raw, kinds);
  const writes = [...kinds].some((k) => WRITING_NODES.has(k)) || raw.some((text) => WRITING_SQL.test(text));
  const shape = { tables, raw, writes };
  shapes.set(node, shape);
  return shape;
}

const WRITING_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const WRITING_SQL = /\b(insert|update|delete|merge|create|drop|alter|truncate)\b/i;

function walk(node: OperationNode, tables: Set<string>, raw: string[], kinds: Set<string>): void {
  kinds.add(node.kind);
  if (node.kind === 'TableNode') {
    tables.add((node as unknown as { table: { identifier: { name: string } } }).table.identifier.name);
    return;
  }
  // A bound value holds data, never a table: arrays of ten thousand values are not walked.
  if (node.kind === 'ValueNode' || node.kind === 'PrimitiveValueListNode') return;
  if (node.kind === 'RawNode') raw.push(...(node as unknown as { sqlFragments: readonly string[] }).sqlFragments);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, tables, raw, kinds);
    } else if (isNode(value)) walk(value, tables, raw, kinds);
  }
}

const isNode = (value: unknown): value is OperationNode =>
  typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
