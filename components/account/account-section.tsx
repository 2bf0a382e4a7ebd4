import { SignOutEverywhereButton } from "./sign-out-everywhere-button";

/** The signed-in person's own account: who they are and the sessions they hold. */
export function AccountSection({ email }: { email: string }) {
  return (
    <section
      aria-labelledby="account-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="account-heading" className="text-lg font-semibold">
        Your account
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Signed in as {email}. A session ends after 30 minutes without activity and 12 hours after
        sign-in. Signed in on a device you no longer have? End every session of this account, this
        one included.
      </p>
      <div className="mt-4">
        <SignOutEverywhereButton />
      </div>
    </section>
  );
}
