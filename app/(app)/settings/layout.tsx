import Link from "next/link";

const SECTIONS = [
  { href: "/settings", label: "Plan" },
  { href: "/settings/rfid", label: "RFID UID converter" },
];

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <nav aria-label="Settings sections" className="flex gap-4 border-b border-slate-200 text-sm">
        {SECTIONS.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            className="-mb-px border-b-2 border-transparent px-1 pb-2 hover:border-slate-400"
          >
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
