import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;

// Built per request so the secret comes from the validated environment at run time, not build time.
const handler: Handler = (req, ctx) => (NextAuth(getAuthOptions()) as Handler)(req, ctx);

/**
 * next-auth reads POST bodies as forms; anything else (JSON, say) made it fail with an empty
 * 500. Such a request is refused here with a clear 415 before next-auth sees it.
 */
const post: Handler = async (req, ctx) => {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    return Response.json(
      { error: "Send the sign-in form as application/x-www-form-urlencoded." },
      { status: 415, headers: { "Cache-Control": "no-store" } },
    );
  }
  return handler(req, ctx);
};

export { handler as GET, post as POST };
