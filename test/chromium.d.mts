/** See chromium.mjs. */
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
/** See chromium.mjs. */
export declare const chromiumShellLaunchOptions: { executablePath: string; args: string[] };
