// Prints the path of the Chromium that the npm package @sparticuz/chromium ships inside itself.
// executablePath() unpacks the packaged binary (once; later calls find it unpacked) and resolves
// to its path. Used by the browser tests when neither CHROMIUM_PATH nor a system Chromium exists.
import chromium from '@sparticuz/chromium';

process.stdout.write(await chromium.executablePath());
