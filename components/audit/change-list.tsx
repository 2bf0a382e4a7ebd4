import { useTranslations } from "next-intl";
import { describeChange, isWholeValueChange } from "@/lib/audit/describe-change";
import { REDACTED } from "@/lib/audit/redact";

/** Before → after, field by field; secret-named fields always read "[redacted]". */
export function ChangeList({ before, after }: { before: unknown; after: unknown }) {
  const t = useTranslations("audit.table");
  const rows = describeChange(before, after);
  if (rows.length === 0) return <span className="text-slate-500">—</span>;
  // Field names are the recorded keys; only a single value's "value" is ours to word.
  const field = (name: string) => (isWholeValueChange(before, after) ? t("value") : name);
  const shown = (value: string) => (value === REDACTED ? t("redacted") : value);
  return (
    <dl className="space-y-0.5 text-xs">
      {rows.map((row) => (
        <div key={row.field} className="flex flex-wrap gap-1">
          <dt className="font-medium text-slate-600">{t("field", { field: field(row.field) })}</dt>
          <dd className="break-all font-mono">
            {row.before !== null && row.after !== null && row.before !== row.after ? (
              <>
                <span className="text-slate-500 line-through">{shown(row.before)}</span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> {t("changedTo")} </span>
                <span>{shown(row.after)}</span>
              </>
            ) : row.after !== null ? (
              shown(row.after)
            ) : (
              t("removed", { value: shown(row.before ?? "") })
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
