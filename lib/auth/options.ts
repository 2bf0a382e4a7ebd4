// next-auth configuration: email + password. The JWT cookie carries the user's id and the id of
// a server-side session (lib/auth/user-sessions.ts), which decides whether it is still valid.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { getEnv } from "@/env";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";
import { encodeSignInRefusal } from "./sign-in-errors";
import { getSecretBoxKey } from "./two-step/server-key";
import { endUserSession, SESSION_LIFETIME_MS, startUserSession } from "./user-sessions";

/** The cookie never outlives the server-side session's absolute lifetime. */
export const SESSION_MAX_AGE_SECONDS = SESSION_LIFETIME_MS / 1000;

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Code from your authenticator app", type: "text" },
        },
        async authorize(credentials, req) {
          const db = await getDb();
          const address = clientAddress(req.headers ?? {});
          const result = await authenticate(
            db,
            { email: credentials?.email, password: credentials?.password, code: credentials?.code },
            address,
            { secretBoxKey: getSecretBoxKey() },
          );
          // next-auth hands a thrown message back to the sign-in form, which words it.
          if (!result.ok) throw new Error(encodeSignInRefusal(result));
          const sessionId = await startUserSession(db, result.user.id, address);
          return {
            id: result.user.id,
            email: result.user.email,
            name: result.user.name,
            sessionId,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = (user as { sessionId?: string }).sessionId;
        }
        return token;
      },
      // Only ids travel; the session's state, role and organisation are re-read from the database.
      async session({ session, token }) {
        return { ...session, userId: token.sub, sessionId: token.sid };
      },
    },
    events: {
      // Sign-out ends the server-side session: a copy of the cookie is worthless afterwards.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endUserSession(await getDb(), token.sid);
      },
    },
  };
}
