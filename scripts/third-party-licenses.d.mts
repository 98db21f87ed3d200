// Types for the bundle script's licence module, so tests written in TypeScript can import it.
export interface PackageLicense {
  name: string;
  version: string;
  license: string;
  files: { name: string; text: string }[];
}
export function bundledPackageDirs(stats: unknown): string[];
export function packageDirOf(file: unknown): string | undefined;
export function readPackageLicense(dir: string): PackageLicense;
export function thirdPartyLicensesText(packageDirs: Iterable<string>, bundleName: string): string;
