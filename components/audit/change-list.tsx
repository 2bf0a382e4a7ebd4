import { useTranslations } from "next-intl";
import { describeChange } from "@/lib/audit/describe-change";

/** Before → after, field by field; secret-named fields always read "[redacted]". */
export function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const t = useTranslations("audit.table");
  const rows = describeChange(before, after);
  if (rows.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <dl className="space-y-0.5 text-xs">
      {rows.map((row) => (
        <div key={row.field} className="flex flex-wrap gap-1">
          <dt className="font-medium text-slate-600">{row.field}:</dt>
          <dd className="break-all font-mono">
            {row.before !== null && row.after !== null && row.before !== row.after ? (
              <>
                <span className="text-slate-500 line-through">{row.before}</span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> {t("changedTo")} </span>
                <span>{row.after}</span>
              </>
            ) : (
              (row.after ?? t("removed", { value: row.before ?? "" }))
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
