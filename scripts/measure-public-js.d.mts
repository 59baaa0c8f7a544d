export interface MeasuredFile {
  path: string;
  raw: number;
  gzip: number;
}
export function measurePublicJs(dir?: string): { files: MeasuredFile[]; totalGzip: number };
