import { describe, expect, it, vi } from "vitest";
import { toastAnswer, type Notify } from "./toast";

const notifier = () => ({ success: vi.fn(), error: vi.fn() });

describe("toastAnswer", () => {
  it("shows a failure as an error that stays longer than a success", () => {
    const notify = notifier();
    toastAnswer(
      { ok: false, message: "Some fields need your attention." },
      undefined,
      notify as unknown as Notify,
    );
    toastAnswer({ ok: true, message: "Saved." }, "Check the URL.", notify as unknown as Notify);
    expect(notify.error).toHaveBeenCalledWith("Some fields need your attention.", {
      duration: 12_000,
    });
    expect(notify.success).toHaveBeenCalledWith("Saved.", {
      description: "Check the URL.",
      duration: 6_000,
    });
  });

  it("says nothing for a success without words", () => {
    const notify = notifier();
    toastAnswer({ ok: true }, undefined, notify as unknown as Notify);
    expect(notify.success).not.toHaveBeenCalled();
    expect(notify.error).not.toHaveBeenCalled();
  });
});
