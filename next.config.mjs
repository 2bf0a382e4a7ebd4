// Next.js configuration (plain JavaScript, as the design card of the product names it).
import createNextIntlPlugin from "next-intl/plugin";

// next-intl reads each request's language, time zone and messages from this file.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // Types are checked once over the whole repository by `npm run typecheck` (part of `npm test`);
  // `npm start` should not spend a minute re-checking them on every build.
  typescript: { ignoreBuildErrors: true },
};

export default withNextIntl(nextConfig);
