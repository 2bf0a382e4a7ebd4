import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;

// Built per request so the secret comes from the validated environment at run time, not build time.
const handler: Handler = (req, ctx) => (NextAuth(getAuthOptions()) as Handler)(req, ctx);

export { handler as GET, handler as POST };
