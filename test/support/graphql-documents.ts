import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLSchema,
  GraphQLBoolean,
  GraphQLNonNull,
} from 'graphql';

export interface GeneratedRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

type G = fc.GeneratorValue;

/** Values a caller might send for anything: right, wrong, huge, empty, nested, hostile. */
const hostileValue = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1e9, 2 ** 31, 2 ** 53, 1.5, Number.MAX_VALUE),
  fc.string({ maxLength: 20 }),
  fc.constantFrom("'; DROP TABLE datasets; --", '../../etc/passwd', '2017-W19', '', '\u0000', '太原'),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** An enum value: a bare name in a literal, a string in JSON variables. */
class EnumValue {
  constructor(readonly name: string) {}
}

function literal(v: unknown): string {
  if (v instanceof EnumValue) return v.name;
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${literal(x)}`)
      .join(', ')} }`;
  }
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function json(v: unknown): unknown {
  if (v instanceof EnumValue) return v.name;
  if (Array.isArray(v)) return v.map(json);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]));
  return v;
}

/** What one operation or fragment body used: the fragments it spreads and the variables it reads. */
interface Scope {
  readonly spreads: Set<string>;
  readonly variables: Set<string>;
}

interface Fragment {
  readonly name: string;
  readonly type: GraphQLCompositeType;
}

/** Field selections in one clean document; past it, selection sets close with __typename. */
const CLEAN_FIELD_BUDGET = 25;

class Builder {
  private readonly declared = new Map<string, string>();
  private aliasCount = 0;
  private fieldsLeft = CLEAN_FIELD_BUDGET;
  private scope: Scope = { spreads: new Set(), variables: new Set() };
  private writing = 0;
  readonly variables: Record<string, unknown> = {};

  constructor(
    private readonly g: G,
    private readonly schema: GraphQLSchema,
    private readonly fragments: readonly Fragment[],
    /**
     * A clean document uses only what the schema allows (valid fragments, declared and
     * used variables, mergeable fields); a hostile one anything at all.
     */
    readonly clean: boolean,
  ) {}

  private hostile(percent: number): boolean {
    return !this.clean && this.chance(percent);
  }

  private chance(percent: number): boolean {
    return this.g(fc.integer, { min: 0, max: 99 }) < percent;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.g(fc.nat, { max: items.length - 1 })]!;
  }

  /**
   * Writes the body of fragment number `index` (or of an operation, past the last), with
   * its own scope, so unused fragments and variables can be left out.
   */
  body(index: number, make: () => string): { text: string; scope: Scope } {
    this.writing = index;
    this.scope = { spreads: new Set(), variables: new Set() };
    return { text: make(), scope: this.scope };
  }

  variableDefinitions(names: Iterable<string>): string {
    const defs = [...names].map((n) => `$${n}: ${this.declared.get(n)!}`);
    return defs.length === 0 ? '' : `(${defs.join(', ')})`;
  }

  get allVariables(): string[] {
    return [...this.declared.keys()];
  }

  /** A literal or a variable for an argument, right for its type unless the document is hostile. */
  private argument(type: GraphQLInputType): string {
    if (this.chance(15)) {
      const name = `v${this.declared.size}`;
      this.declared.set(name, this.hostile(30) ? this.pick(['Int', 'String!', '[Int]']) : String(type));
      this.scope.variables.add(name);
      if (this.hostile(80)) this.variables[name] = this.g(() => hostileValue);
      else if (isNonNullType(type) || this.chance(70)) this.variables[name] = json(this.inputValue(type));
      return `$${name}`;
    }
    if (this.hostile(10)) return this.pick(['null', '"x"', '7', '[1, 2]', '{a: 1}', 'ENUM_NOPE', 'true']);
    return literal(this.inputValue(type));
  }

  private inputValue(type: GraphQLInputType, depth = 0): unknown {
    const inner = getNullableType(type);
    if (isListType(inner)) {
      const n = this.g(fc.nat, { max: 3 });
      return Array.from({ length: n }, () => this.inputValue(inner.ofType as GraphQLInputType, depth + 1));
    }
    if (isEnumType(inner)) return new EnumValue(this.pick(inner.getValues()).name);
    if (isInputObjectType(inner)) {
      const fields = Object.values(inner.getFields());
      const chosen =
        depth > 2 ? [] : fields.filter((f) => isNonNullType(f.type) || this.chance(30)).slice(0, 4);
      return Object.fromEntries(chosen.map((f) => [f.name, this.inputValue(f.type, depth + 1)]));
    }
    const samples = (this.clean ? CLEAN_SAMPLES[inner.name] : undefined) ?? SCALAR_SAMPLES[inner.name];
    if (samples && (this.clean || this.chance(70))) return this.pick(samples);
    if (inner.name === 'Boolean') return this.chance(50);
    return this.g(fc.string, { maxLength: 12 });
  }

  private args(args: readonly GraphQLArgument[]): string {
    // A clean document has no cursor or release id to give: those come from earlier answers.
    const chosen = args.filter(
      (a) => isNonNullType(a.type) || (this.chance(35) && !(this.clean && FROM_ANSWERS.has(a.name))),
    );
    if (chosen.length === 0) return '';
    return `(${chosen.map((a) => `${a.name}: ${this.argument(a.type)}`).join(', ')})`;
  }

  private directive(): string {
    if (!this.chance(10)) return '';
    if (this.hostile(30)) return this.pick([' @deprecated', ' @nope', ' @include', ' @skip(if: 1)']);
    const flag = this.argument(new GraphQLNonNull(GraphQLBoolean));
    return this.pick([` @include(if: ${flag})`, ` @skip(if: ${flag})`]);
  }

  selectionSet(type: GraphQLCompositeType, depth: number): string {
    if (this.clean && this.fieldsLeft <= 0) return '{ __typename }';
    const count = 1 + this.g(fc.nat, { max: 2 });
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(this.selection(type, depth));
    return `{ ${parts.join(' ')} }`;
  }

  /** In a clean document a fragment spreads only those defined before it, so there are no cycles. */
  private spreadable(type: GraphQLCompositeType): Fragment[] {
    if (!this.clean) return [...this.fragments];
    return this.fragments.slice(0, this.writing).filter((f) => f.type === type);
  }

  private selection(type: GraphQLCompositeType, depth: number): string {
    const roll = this.g(fc.nat, { max: 19 });
    const spreadable = this.spreadable(type);
    if (roll <= 1 && spreadable.length > 0) {
      const f = this.pick(spreadable);
      this.scope.spreads.add(f.name);
      return `...${f.name}${this.directive()}`;
    }
    if (roll === 2)
      return `... on ${this.pick(this.possibleTypes(type))} ${this.selectionSet(type, depth + 1)}`;
    if (roll === 3 && this.hostile(50)) return `nope${this.g(fc.nat, { max: 9 })}`;
    if (isUnionType(type) || !(isObjectType(type) || isInterfaceType(type))) {
      return `... on ${this.pick(this.possibleTypes(type))} { __typename }`;
    }
    this.fieldsLeft--;
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const pool = depth >= 4 && leaves.length > 0 ? leaves : fields;
    const field = this.pick(pool);
    const named = getNamedType(field.type);
    // Fields with arguments or selections merge only when identical, so clean documents
    // give each its own alias; hostile ones reuse a few and collide.
    const needsAlias = field.args.length > 0 || isCompositeType(named);
    const alias = this.clean
      ? needsAlias
        ? `a${this.aliasCount++}: `
        : ''
      : this.chance(10)
        ? `a${this.g(fc.nat, { max: 5 })}: `
        : '';
    const head = `${alias}${field.name}${this.args(field.args)}${this.directive()}`;
    if (!isCompositeType(named)) return head;
    if (depth >= 5) return `${head} { __typename }`;
    return `${head} ${this.selectionSet(named, depth + 1)}`;
  }

  private possibleTypes(type: GraphQLCompositeType): string[] {
    if (isObjectType(type)) return [type.name];
    return this.schema.getPossibleTypes(type).map((t) => t.name);
  }
}

/** Arguments whose values only an earlier answer gives. */
const FROM_ANSWERS: ReadonlySet<string> = new Set(['after', 'release', 'revision', 'schemaVersion']);

/** Values a clean document sends: in range, and well formed. */
const CLEAN_SAMPLES: Record<string, readonly unknown[]> = {
  Int: [0, 1, 3, 10, 100],
  SafeInt: [0, 1, 500],
  Date: ['2018-01-01', '2020-02-29'],
  DateTime: ['2024-01-01T00:00:00Z', '2017-05-01T09:30:00+08:00'],
};

/** Values of each scalar that the real data holds, edge cases included. */
const SCALAR_SAMPLES: Record<string, readonly unknown[]> = {
  Int: [0, 1, 3, 10, 100, -1, 10001, 2147483647, 2147483648],
  SafeInt: [0, 1, 500, -3, 2 ** 53 - 1, 2 ** 53],
  Float: [0, 1.5, -2, 1e10, 3.14],
  String: ['2017-W19', '140100', '太原', 'sx-grain', 'agri-prices', '猪肉', '', 'a b'],
  ID: ['agri-prices', 'sx-grain', 'nope'],
  Period: ['2017-W19', '2017-10-P1', '2018-05', '2020-Q2', '2019-H1', '2018', '2017-W53', '2017-W54'],
  Date: ['2018-01-01', '2020-02-29', '2021-02-29'],
  DateTime: [
    '2024-01-01T00:00:00Z',
    '2017-05-01T09:30:00+08:00',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ],
};

/** Fragments an operation reaches through its spreads, in definition order. */
function reachable(start: Scope, bodies: ReadonlyMap<string, Scope>): Set<string> {
  const seen = new Set<string>();
  const todo = [...start.spreads];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    todo.push(...(bodies.get(name)?.spreads ?? []));
  }
  return seen;
}

/**
 * Random GraphQL requests over a real schema. Half are clean: valid documents that run,
 * with arguments (literal and variable), aliases, directives, inline fragments and named
 * fragments that spread each other. The other half are hostile: unknown fields and
 * directives, wrong and hostile variable values, colliding aliases, fragment cycles,
 * several operations, and operation names that name none of them.
 */
export function graphqlRequests(schema: GraphQLSchema): fc.Arbitrary<GeneratedRequest> {
  const query = schema.getQueryType()!;
  const types = Object.values(schema.getTypeMap()).filter(
    (t) => isObjectType(t) && !t.name.startsWith('__'),
  ) as GraphQLCompositeType[];
  return fc.gen().map((g) => {
    const fragments: Fragment[] = Array.from({ length: g(fc.nat, { max: 3 }) }, (_, i) => ({
      name: `Frag${i}`,
      type: g(fc.boolean) ? query : types[g(fc.nat, { max: types.length - 1 })]!,
    }));
    const b = new Builder(g, schema, fragments, g(fc.boolean));
    const bodies = new Map<string, { text: string; scope: Scope }>();
    fragments.forEach((f, i) =>
      bodies.set(
        f.name,
        b.body(i, () => b.selectionSet(f.type, 1)),
      ),
    );
    const operationCount = b.clean ? 1 : 1 + (g(fc.nat, { max: 4 }) === 0 ? 1 : 0);
    const operations = Array.from({ length: operationCount }, (_, i) => ({
      name: g(fc.boolean) ? `Op${i}` : '',
      ...b.body(fragments.length, () => b.selectionSet(query, 0)),
    }));
    const scopes = new Map([...bodies].map(([name, body]) => [name, body.scope]));
    const texts: string[] = [];
    const used = new Set<string>();
    for (const op of operations) {
      const reached = reachable(op.scope, scopes);
      reached.forEach((n) => used.add(n));
      const vars = b.clean
        ? new Set(
            [op.scope.variables, ...[...reached].map((n) => scopes.get(n)!.variables)].flatMap((v) => [...v]),
          )
        : b.allVariables;
      const defs = b.variableDefinitions(vars);
      texts.push(op.name || defs ? `query ${op.name}${defs} ${op.text}` : op.text);
    }
    for (const f of fragments) {
      if (b.clean && !used.has(f.name)) continue;
      texts.push(`fragment ${f.name} on ${f.type.name} ${bodies.get(f.name)!.text}`);
    }
    const nameRoll = g(fc.nat, { max: 3 });
    const operationName = b.clean
      ? operations[0]!.name || undefined
      : nameRoll === 0
        ? 'NoSuchOperation'
        : operations[0]!.name || undefined;
    return { query: texts.join('\n'), variables: b.variables, ...(operationName ? { operationName } : {}) };
  });
}
