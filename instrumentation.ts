// Runs once when a portal server starts: background jobs that keep the portal in step with
// the device manager.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("./lib/background-jobs");
  startBackgroundJobs();
}
