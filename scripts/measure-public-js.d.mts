export interface MeasuredFile {
  path: string;
  raw: number;
  gzip: number;
}
export interface ManifestChunk {
  file: string;
  name?: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  isDynamicEntry?: boolean;
}
export type Manifest = Record<string, ManifestChunk>;
export function manifestKey(manifest: Manifest, module: string): string;
export const PUBLIC_ENTRY: string;
export function measurePublicJs(dir?: string): { files: MeasuredFile[]; totalGzip: number };
export function readPublicManifest(dir?: string): Manifest;
export function firstLoadFiles(manifest: Manifest, modules: string[], onAction?: string[]): string[];
export function measureFirstLoads(
  pages: Record<string, string[]>,
  options?: { dir?: string; manifest?: Manifest; onAction?: string[] },
): { page: string; files: MeasuredFile[]; totalGzip: number }[];
