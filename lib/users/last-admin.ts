// An organisation always keeps an active administrator: demoting or deactivating the last one
// is refused. The organisation's row is locked first, so two administrators demoting each other
// at the same moment cannot both succeed.
import "server-only";
import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function hasAnotherActiveAdmin(
  tx: Tx,
  organizationId: string,
  exceptUserId: string,
): Promise<boolean> {
  await tx.execute(sql`select id from organizations where id = ${organizationId} for update`);
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        eq(users.role, "admin"),
        isNull(users.deactivatedAt),
        ne(users.id, exceptUserId),
      ),
    );
  return (row?.n ?? 0) > 0;
}
