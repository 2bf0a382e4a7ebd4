import { openApiDocument } from "@/lib/api/v1/openapi";

export const dynamic = "force-static";

/** The API's OpenAPI 3.1 document, generated from the schemas that validate its requests. */
export function GET() {
  return Response.json(openApiDocument());
}
