// Conformance: what the charger does not implement (Reservation → CALLERROR NotSupported, the
// security extensions → NotImplemented) and malformed requests (strict mode → CALLERROR).
import { afterEach, describe, expect, it } from "vitest";
import { validateTranscript } from "./test-csms";
import { COPPER_SB, startRig, verifyAndClose } from "./rig";

afterEach(verifyAndClose);

describe("not implemented and invalid requests", () => {
  it("ReserveNow and CancelReservation: CALLERROR NotSupported (Reservation is not in SupportedFeatureProfiles)", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB });
    const reserve = {
      connectorId: 1,
      expiryDate: new Date(Date.now() + 60_000).toISOString(),
      idTag: "X",
      reservationId: 1,
    };
    await expect(csms.call("ReserveNow", reserve)).rejects.toMatchObject({
      rpcErrorCode: "NotSupported",
    });
    await expect(csms.call("CancelReservation", { reservationId: 1 })).rejects.toMatchObject({
      rpcErrorCode: "NotSupported",
    });
    const profiles = await csms.call("GetConfiguration", {
      key: ["SupportedFeatureProfiles", "ReserveConnectorZeroSupported"],
    });
    expect(profiles.configurationKey![0]!.value).not.toContain("Reservation");
    expect(profiles.unknownKey).toEqual(["ReserveConnectorZeroSupported"]);
  });

  it("an action outside the five profiles is NotImplemented; malformed payloads get the strict-mode CALLERROR", async () => {
    const { csms, fleet } = await startRig({ partNumber: COPPER_SB });
    await expect(
      csms.call("ExtendedTriggerMessage", { requestedMessage: "Heartbeat" }),
    ).rejects.toMatchObject({ rpcErrorCode: "NotImplemented" });
    const missing = await csms.callRaw("ChangeConfiguration", { key: "AuthEnabled" });
    // OCPP-J 1.6 errata §5.1 keeps the original spelling (one r): a fix "might break implementations".
    expect(missing.slice(0, 3)).toEqual([4, missing[1], "OccurenceConstraintViolation"]);
    const wrongType = await csms.callRaw("RemoteStopTransaction", { transactionId: "one" });
    expect(wrongType[2]).toBe("TypeConstraintViolation");
    const badEnum = await csms.callRaw("Reset", { type: "Sideways" });
    expect([
      "PropertyConstraintViolation",
      "FormationViolation",
      "TypeConstraintViolation",
    ]).toContain(badEnum[2]);
    // The charger's strict mode refused the three inbound calls (and logged which rule broke);
    // they were on purpose, so they leave the after-test check.
    // Frames that are not RPC frames get 1.6's FormationViolation (§4.2.3), not 2.0.1's
    // RpcFrameworkError; an unreadable id is answered as "-1" (1.6 names none).
    expect((await csms.sendText("not json")).slice(0, 3)).toEqual([4, "-1", "FormationViolation"]);
    expect((await csms.sendText('{"a":1}')).slice(0, 3)).toEqual([4, "-1", "FormationViolation"]);
    expect((await csms.sendText('[7,"x7"]')).slice(0, 3)).toEqual([4, "-1", "FormationViolation"]);
    const refused = fleet.logs.filter((line) => line.includes("strict validation failed"));
    expect(refused).toHaveLength(3);
    expect(refused.every((line) => line.includes("(inbound "))).toBe(true);
    fleet.logs.splice(0, fleet.logs.length, ...fleet.logs.filter((l) => !refused.includes(l)));
    // Nothing happened: the charger is still there, Available.
    expect(
      (await csms.call("GetConfiguration", { key: ["AuthEnabled"] })).configurationKey![0]!.value,
    ).toBe("true");
  });

  it("the transcript check itself catches an invalid message", () => {
    const problems = validateTranscript([
      {
        outbound: false,
        text: JSON.stringify([
          2,
          "a",
          "StatusNotification",
          { connectorId: 1, status: "Sleeping", errorCode: "NoError" },
        ]),
      },
      { outbound: true, text: JSON.stringify([2, "b", "Reset", { type: "Hard" }]) },
      { outbound: false, text: JSON.stringify([3, "b", { status: "Maybe" }]) },
    ]);
    expect(problems).toHaveLength(2);
  });
});
