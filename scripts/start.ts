// `npm start`: the whole product on the embedded database (or DATABASE_URL when set).
import path from "node:path";
import { runPlugboard } from "./lib/run";

runPlugboard({
  root: process.cwd(),
  dataDir: path.resolve(process.env.PLUGBOARD_DATA_DIR ?? ".data"),
  port: Number(process.env.PORT ?? 3000),
})
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error("[start] failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
