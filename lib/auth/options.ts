// next-auth configuration: email + password, JWT sessions carrying the user's id.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { getEnv } from "@/env";
import { authenticate } from "./authenticate";
import { clientAddress } from "./client-address";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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
        },
        async authorize(credentials, req) {
          const result = await authenticate(
            await getDb(),
            { email: credentials?.email, password: credentials?.password },
            clientAddress(req.headers ?? {}),
          );
          // next-auth hands a thrown message back to the sign-in form.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      // Only the id travels in the session; role and organisation are re-read from the database.
      async session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
}
