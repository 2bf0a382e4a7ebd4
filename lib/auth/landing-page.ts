// Where a person lands after signing in (and on "/"): CPOs watch fleets, so they land on the
// dashboard; administrators and support act on chargers, so they land on the list.
import type { Role } from "@/db/schema";

export function landingPage(role: Role): "/dashboard" | "/chargers" {
  return role === "cpo" ? "/dashboard" : "/chargers";
}
