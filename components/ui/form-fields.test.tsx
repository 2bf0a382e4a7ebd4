import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckboxField } from "./checkbox-field";
import { ChoiceGroup } from "./choice-group";
import { SelectField } from "./select-field";
import { TextField } from "./text-field";

/** The attributes of the one element `tag` in `html`. */
function attributes(html: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}\\b([^>]*)>`).exec(html)![1]!;
  return Object.fromEntries([...element.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe("the form fields", () => {
  it("tie a text field's label, hint and error to its input", () => {
    const html = renderToStaticMarkup(
      <TextField label="URL" name="url" hint="ws:// or wss://" errors={["Not a URL."]} />,
    );
    const input = attributes(html, "input");
    const label = attributes(html, "label");
    expect(label.for).toBe(input.id);
    expect(input["aria-invalid"]).toBe("true");
    const described = input["aria-describedby"]!.split(" ");
    expect(described).toHaveLength(2);
    expect(html).toContain(`id="${described[0]}" class="mt-1 text-sm text-red-700">Not a URL.<`);
    expect(html).toContain(
      `id="${described[1]}" class="mt-1 text-xs text-slate-600">ws:// or wss://<`,
    );
  });

  it("say nothing extra about a field without hint or error", () => {
    const input = attributes(renderToStaticMarkup(<SelectField label="Day" />), "select");
    expect(input["aria-invalid"]).toBeUndefined();
    expect(input["aria-describedby"]).toBeUndefined();
  });

  it("put a checkbox before its label, its error read with it; a switch says it is one", () => {
    const html = renderToStaticMarkup(
      <CheckboxField
        label="I accept the terms"
        name="acceptTerms"
        errors={["Accept the terms first."]}
        aside={<a href="/terms">Read</a>}
      />,
    );
    expect(html.indexOf("<input")).toBeLessThan(html.indexOf("<label"));
    const box = attributes(html, "input");
    expect(box.type).toBe("checkbox");
    expect(box.role).toBeUndefined();
    expect(box["aria-invalid"]).toBe("true");
    expect(html).toContain(
      `id="${box["aria-describedby"]}" class="mt-1 text-sm text-red-700">Accept the terms first.<`,
    );
    expect(html).toContain('<a href="/terms">Read</a>');

    const toggle = attributes(
      renderToStaticMarkup(<CheckboxField asSwitch label="Enable OCPP" name="enabled" />),
      "input",
    );
    expect(toggle.role).toBe("switch");
  });

  it("read a group of choices with its legend, and its error with the group", () => {
    const html = renderToStaticMarkup(
      <ChoiceGroup legend="Earthing system" errors={["Choose TN, TT or IT."]}>
        <input type="radio" name="system" value="TN" />
      </ChoiceGroup>,
    );
    const fieldset = attributes(html, "fieldset");
    expect(html).toContain("<legend");
    expect(html).toContain(
      `id="${fieldset["aria-describedby"]}" class="mt-2 text-sm text-red-700">Choose TN, TT or IT.<`,
    );
    expect(
      attributes(renderToStaticMarkup(<ChoiceGroup legend="Plan">x</ChoiceGroup>), "fieldset")[
        "aria-describedby"
      ],
    ).toBeUndefined();
  });
});
