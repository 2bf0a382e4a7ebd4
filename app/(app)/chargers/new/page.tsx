import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { AddChargerForm } from "@/components/fleet/add-charger-form";

export const metadata: Metadata = { title: "Add charger" };

export default async function NewChargerPage() {
  const user = await requireUser();
  if (!hasPermission(user, "charger:create")) notFound();
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Add charger</h1>
      <p className="text-sm text-slate-600">
        The serial number and part number are on the label inside the charger&apos;s cover, e.g.{" "}
        <code>PLP1-0-2-4-9-002-E</code>.
      </p>
      <AddChargerForm />
    </div>
  );
}
