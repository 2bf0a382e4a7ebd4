// Next.js configuration (plain JavaScript, as the design card of the product names it).
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // Types are checked once over the whole repository by `npm run typecheck` (part of `npm test`);
  // `npm start` should not spend a minute re-checking them on every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
