/** Absolute path of the built UI (index.html and assets/), with a trailing slash. */
export declare const uiAssetsDir: string;
