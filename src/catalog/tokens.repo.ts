import type { Knex } from 'knex';

export type Role = 'admin' | 'publisher';

export interface TokenRecord {
  id: number;
  name: string;
  role: Role;
  agencyId: string | null;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

interface TokenRow {
  id: number;
  name: string;
  role: Role;
  agency_id: string | null;
  prefix: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = [
  'id',
  'name',
  'role',
  'agency_id',
  'prefix',
  'created_by',
  'created_at',
  'revoked_at',
  'last_used_at',
];

const toRecord = (r: TokenRow): TokenRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  agencyId: r.agency_id,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export async function insertToken(
  knex: Knex,
  t: { name: string; role: Role; agencyId: string | null; hash: string; prefix: string; createdBy: string },
): Promise<TokenRecord> {
  const [row] = await knex('api_tokens')
    .insert({
      name: t.name,
      role: t.role,
      agency_id: t.agencyId,
      token_hash: t.hash,
      prefix: t.prefix,
      created_by: t.createdBy,
    })
    .returning(COLUMNS);
  return toRecord(row as TokenRow);
}

/** The token with this hash, revoked or not (a revoked one is refused, and audited by name). */
export async function findTokenByHash(knex: Knex, hash: string): Promise<TokenRecord | undefined> {
  const row = (await knex('api_tokens').where({ token_hash: hash }).first(COLUMNS)) as TokenRow | undefined;
  return row ? toRecord(row) : undefined;
}

export async function touchToken(knex: Knex, id: number): Promise<void> {
  // At most one write a minute per token, so authenticated reads stay reads.
  await knex('api_tokens')
    .where({ id })
    .where((w) => w.whereNull('last_used_at').orWhereRaw(`last_used_at < now() - interval '1 minute'`))
    .update({ last_used_at: knex.fn.now() });
}

export async function listTokens(knex: Knex): Promise<TokenRecord[]> {
  return ((await knex('api_tokens').orderBy('id').select(COLUMNS)) as TokenRow[]).map(toRecord);
}

/** True when the token was active and is now revoked. */
export async function markTokenRevoked(knex: Knex, id: number): Promise<boolean> {
  const n = await knex('api_tokens')
    .where({ id })
    .whereNull('revoked_at')
    .update({ revoked_at: knex.fn.now() });
  return n > 0;
}
