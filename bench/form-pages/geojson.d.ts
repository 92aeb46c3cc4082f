// esbuild loads .geojson as JSON for the benchmark pages.
declare module '*.geojson' {
  const value: unknown;
  export default value;
}
