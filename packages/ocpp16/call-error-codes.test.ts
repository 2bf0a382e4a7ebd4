import { describe, expect, it } from "vitest";
import { OCPP16_CALL_ERROR_CODES, speakOcpp16CallErrors, toOcpp16Frame } from "./call-error-codes";

describe("CALLERROR codes in OCPP-J 1.6's spelling", () => {
  it("keeps the errata's spellings (§5.1 OccurenceConstraintViolation, §5.2 FormationViolation)", () => {
    expect(OCPP16_CALL_ERROR_CODES).toContain("OccurenceConstraintViolation");
    expect(OCPP16_CALL_ERROR_CODES).toContain("FormationViolation");
    expect(OCPP16_CALL_ERROR_CODES).not.toContain("OccurrenceConstraintViolation");
    expect(toOcpp16Frame('[4,"a","OccurrenceConstraintViolation","missing",{}]')).toBe(
      '[4,"a","OccurenceConstraintViolation","missing",{}]',
    );
    expect(toOcpp16Frame('[4,"a","FormatViolation","bad",{}]')).toBe(
      '[4,"a","FormationViolation","bad",{}]',
    );
  });

  it("answers a frame that is not an RPC frame with FormationViolation, not 2.0.1's RpcFrameworkError", () => {
    expect(
      toOcpp16Frame('[4,"-1","RpcFrameworkError","Message must be a JSON structure",{}]'),
    ).toBe('[4,"-1","FormationViolation","Message must be a JSON structure",{}]');
    expect(toOcpp16Frame('[4,"x","MessageTypeNotSupported","Unrecognised message type",{}]')).toBe(
      '[4,"x","FormationViolation","Unrecognised message type",{}]',
    );
    expect(
      toOcpp16Frame(
        '[4,"x","RpcFrameworkError","Already processing a call with message ID: x",{}]',
      ),
    ).toBe('[4,"x","GenericError","Already processing a call with message ID: x",{}]');
  });

  it("leaves 1.6's own codes, calls and results alone, and makes anything else GenericError", () => {
    for (const frame of [
      '[4,"a","NotImplemented","",{}]',
      '[4,"a","TypeConstraintViolation","",{}]',
      '[2,"a","Heartbeat",{}]',
      '[3,"a",{"currentTime":"2026-12-04T00:00:00Z"}]',
      "not json",
    ])
      expect(toOcpp16Frame(frame)).toBe(frame);
    expect(toOcpp16Frame('[4,"a","SomethingNew","",{}]')).toBe('[4,"a","GenericError","",{}]');
  });

  it("rewrites what a client sends on an ocpp1.6 connection only", () => {
    const sent: string[] = [];
    const make = (protocol: string) =>
      speakOcpp16CallErrors({
        protocol,
        sendRaw: (m: string | Buffer) => void sent.push(String(m)),
      });
    make("ocpp1.6").sendRaw('[4,"a","RpcFrameworkError","x",{}]');
    make("ocpp2.0.1").sendRaw('[4,"a","RpcFrameworkError","x",{}]');
    expect(sent).toEqual([
      '[4,"a","FormationViolation","x",{}]',
      '[4,"a","RpcFrameworkError","x",{}]',
    ]);
  });
});
