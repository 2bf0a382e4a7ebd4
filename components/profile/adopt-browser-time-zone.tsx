"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { adoptBrowserTimeZoneAction } from "@/lib/actions/account/adopt-browser-time-zone";

/**
 * A user without a saved time zone gets their browser's: sent once, then the page is rendered
 * again in it. Renders nothing.
 */
export function AdoptBrowserTimeZone({ saved }: { saved: string | null }) {
  const router = useRouter();
  useEffect(() => {
    if (saved) return;
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!timeZone) return;
    const form = new FormData();
    form.set("timeZone", timeZone);
    void adoptBrowserTimeZoneAction(null, form).then(
      // a failed adoption leaves UTC, named on screen; nothing to tell the user
      (result) => {
        if (result.ok && result.data.adopted) router.refresh();
      },
    );
  }, [saved, router]);
  return null;
}
