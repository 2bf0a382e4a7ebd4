"use client";

// The weekly charging schedule: slots of (day, start, end, maximum current), edited here and
// sent as one list; overlaps and ends before starts come back next to the fields.
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
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

/** A slot's time or current: a narrow field, as tall as a finger needs. */
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
  return (
    <TextField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      errors={errors}
      fieldClassName="w-28"
    />
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
            <SelectField
              label={t("day")}
              value={slot.day}
              onChange={(e) => update(slot.key, { day: e.target.value })}
            >
              {WEEKDAYS.map((weekday, day) => (
                <option key={weekday} value={day}>
                  {t(`days.${weekday}`)}
                </option>
              ))}
            </SelectField>
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
