// A CSV file as an HTTP response, streamed batch by batch as the reader takes it (pull), so a
// large export never sits in memory; shared by every CSV download of the portal.
import { csvRow } from "./write";

export function csvResponse<Row>(options: {
  header: readonly string[];
  batches: AsyncGenerator<Row[]>;
  line: (row: Row) => string;
  filename: string;
}): Response {
  const { header, batches, line, filename } = options;
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // The byte-order mark makes spreadsheets read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(header)}`));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(line).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
