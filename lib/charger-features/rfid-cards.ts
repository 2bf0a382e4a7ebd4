// Portal-managed RFID users (OCPP off, models with a reader): the cards live in `rfid_cards`
// and reach the charger as one whitelist feature. A card is stored only once the device
// manager accepted the new whitelist, so an unreachable one changes nothing.
import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { rfidCards, type RfidCard } from "@/db/schema";
import {
  defineAction,
  fail,
  NOT_FOUND_MESSAGE,
  type ActionContext,
  type ActionFailure,
  type ActionOutcome,
  INVALID_FIELDS_MESSAGE,
} from "@/lib/actions/safe-action";
import { findCharger, type ChargerRow } from "@/lib/chargers/queries";
import { sendAuditedCommand, type AuditedCommand } from "@/lib/device-manager/send-audited-command";
import { checkChargerFeatureIn, refuseUnavailable } from "@/lib/features/guard";
import { organizationScope } from "@/lib/permissions";
import { convertRfidUid } from "@plugboard/wallbox";
import { addRfidCardSchema, MAX_RFID_CARDS, removeRfidCardSchema } from "@plugboard/wallbox";
import { encodeRfidCards, RFID_CARDS_FEATURE } from "@plugboard/wallbox";
import { msg } from "@/lib/i18n/message";
import { rfidUidMessage } from "@/lib/i18n/wallbox-messages";

/** A charger's cards, oldest first; always filtered by the organisation as well. */
export async function listRfidCards(
  db: Db,
  params: { organizationId: string; chargerId: string },
): Promise<RfidCard[]> {
  return db
    .select()
    .from(rfidCards)
    .where(
      and(
        eq(rfidCards.organizationId, params.organizationId),
        eq(rfidCards.chargerId, params.chargerId),
      ),
    )
    .orderBy(asc(rfidCards.createdAt), asc(rfidCards.id));
}

async function loadCharger(
  ctx: ActionContext,
  chargerId: string,
): Promise<{ charger: ChargerRow } | { error: ActionFailure }> {
  const charger = await findCharger(ctx.db, organizationScope(ctx.user), chargerId);
  if (!charger) return { error: fail("not_found", NOT_FOUND_MESSAGE) };
  const refusal = refuseUnavailable(await checkChargerFeatureIn(ctx.db, "rfidUsers", charger));
  return refusal ? { error: refusal } : { charger };
}

type Tx = Parameters<NonNullable<AuditedCommand["onAccepted"]>>[0];

/** Pushes a whitelist; `store` writes the card change once the device manager accepted it. */
async function pushWhitelist(
  ctx: ActionContext,
  charger: ChargerRow,
  uids: string[],
  requestId: string,
  audit: AuditedCommand["audit"],
  store: (tx: Tx) => Promise<void>,
) {
  const sent = await sendAuditedCommand(ctx, {
    charger,
    kind: "set_feature",
    payload: { feature: RFID_CARDS_FEATURE, value: encodeRfidCards(uids) },
    requestId,
    audit,
    onAccepted: (tx) => store(tx),
  });
  if (!sent.ok) return sent;
  // Two administrators editing at once each sent a list without the other's card: the
  // charger must end with what is stored, so the stored list is sent again when it differs.
  const stored = (
    await listRfidCards(ctx.db, { organizationId: charger.organizationId, chargerId: charger.id })
  ).map((card) => card.uidLittleEndianHex);
  if (encodeRfidCards(stored) !== encodeRfidCards(uids)) {
    await sendAuditedCommand(ctx, {
      charger,
      kind: "set_feature",
      payload: { feature: RFID_CARDS_FEATURE, value: encodeRfidCards(stored) },
      requestId: randomUUID(),
      audit: { action: "charger.rfid_card.sync", after: { cards: stored.length } },
    });
  }
  return sent;
}

export const addRfidCard = defineAction({
  name: "addRfidCard",
  permission: "charger:set-feature",
  schema: addRfidCardSchema,
  async handler(ctx, input): Promise<ActionOutcome<{ commandId: string; uid: string }>> {
    const loaded = await loadCharger(ctx, input.chargerId);
    if ("error" in loaded) return loaded.error;
    const { charger } = loaded;
    const converted = convertRfidUid(input.uid, input.order);
    if (!converted.ok)
      return fail("invalid", INVALID_FIELDS_MESSAGE, { uid: [rfidUidMessage(converted)] });
    const uid = converted.littleEndianHex;
    const cards = await listRfidCards(ctx.db, {
      organizationId: charger.organizationId,
      chargerId: charger.id,
    });
    const same = cards.find((card) => card.uidLittleEndianHex === uid);
    if (same)
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        uid: [msg("errors.cardAlreadyUser", { uid, label: same.label })],
      });
    if (cards.length >= MAX_RFID_CARDS)
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        uid: [msg("errors.tooManyCards", { max: MAX_RFID_CARDS })],
      });
    const sent = await pushWhitelist(
      ctx,
      charger,
      [...cards.map((card) => card.uidLittleEndianHex), uid],
      input.requestId,
      { action: "charger.rfid_card.add", after: { uid, label: input.label } },
      async (tx) => {
        await tx
          .insert(rfidCards)
          .values({
            organizationId: charger.organizationId,
            chargerId: charger.id,
            uidLittleEndianHex: uid,
            label: input.label,
          })
          .onConflictDoNothing();
      },
    );
    if (!sent.ok) return fail(sent.code, sent.message);
    return {
      ok: true as const,
      data: { commandId: sent.accepted.commandId, uid },
      message: msg("actions.cardAdded", { uid, label: input.label }),
    };
  },
});

export const removeRfidCard = defineAction({
  name: "removeRfidCard",
  permission: "charger:set-feature",
  schema: removeRfidCardSchema,
  async handler(ctx, input): Promise<ActionOutcome<{ commandId: string; uid: string }>> {
    const loaded = await loadCharger(ctx, input.chargerId);
    if ("error" in loaded) return loaded.error;
    const { charger } = loaded;
    const cards = await listRfidCards(ctx.db, {
      organizationId: charger.organizationId,
      chargerId: charger.id,
    });
    const card = cards.find((one) => one.id === input.cardId);
    if (!card) return fail("not_found", msg("errors.cardNotFound"));
    const sent = await pushWhitelist(
      ctx,
      charger,
      cards.filter((one) => one.id !== card.id).map((one) => one.uidLittleEndianHex),
      input.requestId,
      {
        action: "charger.rfid_card.remove",
        before: { uid: card.uidLittleEndianHex, label: card.label },
      },
      async (tx) => {
        await tx.delete(rfidCards).where(eq(rfidCards.id, card.id));
      },
    );
    if (!sent.ok) return fail(sent.code, sent.message);
    return {
      ok: true as const,
      data: { commandId: sent.accepted.commandId, uid: card.uidLittleEndianHex },
      message: msg("actions.cardRemoved", { uid: card.uidLittleEndianHex, label: card.label }),
    };
  },
});
