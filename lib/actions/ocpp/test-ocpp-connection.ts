"use server";

import "server-only";
import { testOcppConnection } from "@/lib/ocpp/test-ocpp-connection";
import { serverAction } from "../server";

// Nothing to revalidate: a test changes nothing the pages show.
export const testOcppConnectionAction = serverAction(testOcppConnection);
