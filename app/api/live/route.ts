import { getSessionUser } from "@/lib/auth/session";
import { getEnv } from "@/env";
import { getLiveHub } from "@/lib/live/hub";
import { organizationScope } from "@/lib/permissions";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/** The browser's one live stream: status changes of the chargers it may see. */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "Sign in first." }, { status: 401 });
  const hub = await getLiveHub();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let eventId = 0;
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Tells the browser to reconnect after 2 s if the stream drops.
      write(`retry: 2000\nevent: ready\ndata: {}\n\n`);
      const unsubscribe = hub.subscribe({
        scope: organizationScope(user),
        send: (summaries) =>
          write(`id: ${++eventId}\nevent: status\ndata: ${JSON.stringify(summaries)}\n\n`),
        // Ids only: the badge refetches its count (app/api/alerts/count) with its own session.
        alertsChanged: () => write(`id: ${++eventId}\nevent: alerts\ndata: {}\n\n`),
      });
      const heartbeat = setInterval(() => write(`: keep-alive\n\n`), HEARTBEAT_MS);
      const maxAge = getEnv().LIVE_STREAM_MAX_AGE_MS;
      const expiry = setTimeout(
        () => {
          write(`event: bye\ndata: {}\n\n`);
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed
          }
        },
        maxAge * (0.8 + Math.random() * 0.4),
      );
      cleanup = () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
