"use server";

import "server-only";
import { deleteSite } from "@/lib/sites/delete-site";
import { serverAction } from "../server";

// No revalidation: the page of the deleted site would render a 404 under the dialog before the
// form moves on to /sites (components/sites/delete-site-button.tsx), which renders afresh.
export const deleteSiteAction = serverAction(deleteSite);
