import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        This page does not exist, or it belongs to an organisation you do not have access to.
      </p>
      <Link href="/chargers" className="mt-6 inline-block text-brand-700 underline">
        Back to chargers
      </Link>
    </main>
  );
}
