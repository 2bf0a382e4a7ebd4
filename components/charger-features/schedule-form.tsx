"use client";

// The weekly charging schedule: slots of (day, start, end, maximum current), edited here and
// sent as one list; overlaps and ends before starts come back next to the fields.
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { decodeSetting } from "@plugboard/wallbox";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { MAX_SCHEDULE_SLOTS, MIN_CURRENT_A, WEEKDAYS } from "@plugboard/wallbox";
import { SettingForm } from "./setting-form";
import { useSettingForm } from "./use-setting-form";

interface SlotDraft {
  key: number;
  day: string;
  start: string;
  end: string;
  maxCurrentA: string;
}

function SlotField({
  label,
  value,
  onChange,
  errors,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className={`mt-1 block w-24 rounded-md border px-2 py-1 text-sm ${errors ? "border-red-500" : "border-slate-300"}`}
      />
      {errors ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function ScheduleForm({
  chargerId,
  initial,
  maxCurrentA,
}: {
  chargerId: string;
  initial: ChargerStatusSummary;
  maxCurrentA: number;
}) {
  const t = useTranslations("chargerSettings.schedule");
  const form = useSettingForm("schedules", initial);
  const reported = decodeSetting("schedules", initial.reportedFeatures?.schedules);
  const dayId = useId();
  const [slots, setSlots] = useState<SlotDraft[]>(() =>
    (reported?.slots ?? []).map((s, index) => ({
      key: index,
      day: String(s.day),
      start: s.start,
      end: s.end,
      maxCurrentA: String(s.maxCurrentA),
    })),
  );
  // Keys stay stable while slots are removed; new ones come after the reported ones.
  const nextKey = useRef(slots.length);
  const update = (key: number, patch: Partial<SlotDraft>) =>
    setSlots((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const payload = JSON.stringify(
    slots.map(({ day, start, end, maxCurrentA: amps }) => ({
      day,
      start: start.trim(),
      end: end.trim(),
      maxCurrentA: amps,
    })),
  );
  const listErrors = form.errors.slots;

  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel={t("save")}>
      <input type="hidden" name="slots" value={payload} />
      {slots.length === 0 ? <p className="text-sm text-slate-600">{t("noSlots")}</p> : null}
      {slots.map((slot, index) => {
        const at = (field: string) => form.errors[`slots.${index}.${field}`];
        return (
          <fieldset
            key={slot.key}
            className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 p-3"
          >
            <legend className="px-1 text-sm font-medium">{t("slot", { number: index + 1 })}</legend>
            <div>
              <label
                htmlFor={`${dayId}-${slot.key}`}
                className="block text-xs font-medium text-slate-700"
              >
                {t("day")}
              </label>
              <select
                id={`${dayId}-${slot.key}`}
                value={slot.day}
                onChange={(e) => update(slot.key, { day: e.target.value })}
                className="mt-1 block rounded-md border border-slate-300 bg-surface px-2 py-1 text-sm"
              >
                {WEEKDAYS.map((weekday, day) => (
                  <option key={weekday} value={day}>
                    {t(`days.${weekday}`)}
                  </option>
                ))}
              </select>
            </div>
            <SlotField
              label={t("start")}
              value={slot.start}
              placeholder={t("timePlaceholder")}
              onChange={(start) => update(slot.key, { start })}
              errors={at("start")}
            />
            <SlotField
              label={t("end")}
              value={slot.end}
              placeholder={t("timePlaceholder")}
              onChange={(end) => update(slot.key, { end })}
              errors={at("end")}
            />
            <SlotField
              label={t("maxCurrent")}
              value={slot.maxCurrentA}
              onChange={(amps) => update(slot.key, { maxCurrentA: amps })}
              errors={at("maxCurrentA")}
            />
            <Button
              type="button"
              variant="secondary"
              onClick={() => setSlots((all) => all.filter((s) => s.key !== slot.key))}
            >
              {t("removeSlot", { number: index + 1 })}
            </Button>
          </fieldset>
        );
      })}
      {listErrors ? (
        <p role="alert" className="text-sm text-red-700" data-testid="schedule-error">
          {listErrors.join(" ")}
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        disabled={slots.length >= MAX_SCHEDULE_SLOTS}
        onClick={() =>
          setSlots((all) => [
            ...all,
            {
              key: nextKey.current++,
              day: "0",
              start: "08:00",
              end: "12:00",
              maxCurrentA: String(maxCurrentA),
            },
          ])
        }
      >
        {t("addSlot")}
      </Button>
      <p className="text-xs text-slate-500">
        {t("help", { slots: MAX_SCHEDULE_SLOTS, minimum: MIN_CURRENT_A, maximum: maxCurrentA })}
      </p>
    </SettingForm>
  );
}
