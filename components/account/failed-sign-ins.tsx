import type { AccountFailures, FailedSignIn } from "@/lib/account/sign-in-activity";
import { formatDateTime } from "@/lib/format";

/** The failed sign-ins on the signed-in person's own account over the last 30 days. */
export function OwnFailedSignIns({ total, recent }: { total: number; recent: FailedSignIn[] }) {
  return (
    <section
      aria-labelledby="own-failures-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="own-failures-heading" className="text-lg font-semibold">
        Failed sign-ins to your account
      </h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="own-failure-count">
        {total === 0
          ? "None in the last 30 days."
          : `${total} in the last 30 days${total > recent.length ? `, the latest ${recent.length} below` : ""}. Not you? Change your password and turn on two-step verification.`}
      </p>
      {recent.length ? (
        <table className="mt-3 min-w-full text-sm">
          <caption className="sr-only">Failed sign-ins to your account</caption>
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">
                When
              </th>
              <th scope="col" className="py-2">
                From address
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {recent.map((attempt, i) => (
              <tr key={i}>
                <td className="py-2 pr-4">{formatDateTime(attempt.at)}</td>
                <td className="py-2 font-mono">{attempt.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** For administrators: failed sign-ins on every account of their organisation. */
export function OrganizationFailedSignIns({ accounts }: { accounts: AccountFailures[] }) {
  return (
    <section
      aria-labelledby="org-failures-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="org-failures-heading" className="text-lg font-semibold">
        Failed sign-ins in your organisation
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Accounts of your organisation with failed sign-ins in the last 30 days. Many failures from
        many addresses on one account means someone is guessing its password.
      </p>
      {accounts.length === 0 ? (
        <p className="mt-3 text-sm">None.</p>
      ) : (
        <table className="mt-3 min-w-full text-sm">
          <caption className="sr-only">Failed sign-ins per account</caption>
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-4">
                Account
              </th>
              <th scope="col" className="py-2 pr-4">
                Failures
              </th>
              <th scope="col" className="py-2 pr-4">
                Addresses
              </th>
              <th scope="col" className="py-2">
                Latest
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {accounts.map((account) => (
              <tr key={account.email}>
                <td className="py-2 pr-4">{account.email}</td>
                <td className="py-2 pr-4">{account.failures}</td>
                <td className="py-2 pr-4">{account.addresses}</td>
                <td className="py-2">{formatDateTime(account.lastAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
