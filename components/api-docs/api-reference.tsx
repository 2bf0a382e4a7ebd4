"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * The REST API's reference, rendered by Scalar from the generated OpenAPI document. No request
 * goes anywhere but this portal: no proxy, no telemetry, fonts from the page.
 */
export function ApiReference() {
  return (
    <ApiReferenceReact
      configuration={{
        url: "/api/v1/openapi.json",
        proxyUrl: "",
        withDefaultFonts: false,
        hideClientButton: true,
        telemetry: false,
        showDeveloperTools: "never",
        agent: { disabled: true },
      }}
    />
  );
}
