// The route handler of one API operation: the route files under app/api/v1/ only name theirs.
import "server-only";
import { getDb } from "@/db";
import { requestServices } from "@/lib/actions/server";
import { API_ENDPOINTS } from "./endpoints";
import { handleApiRequest } from "./handle";

type RouteContext = { params: Promise<Record<string, string>> };

export function apiRoute(operationId: string) {
  const endpoint = API_ENDPOINTS.find((e) => e.operationId === operationId);
  if (!endpoint) throw new Error(`No API endpoint ${operationId}`);
  return async (request: Request, context: RouteContext) =>
    handleApiRequest(endpoint, request, await context.params, {
      db: await getDb(),
      services: await requestServices(),
    });
}
