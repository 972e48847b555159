import type { IncomingMessage } from 'node:http';
import { UAParser } from 'ua-parser-js';
import type { ApproximateLocation, DeviceInfo } from '../../src/protocol/index.js';

/**
 * The browser behind a request as the account's owner will see it (profile §26, §27): browser, major version,
 * OS and device type from the User-Agent (ua-parser-js, a maintained parser), and an approximate location
 * from the IP address. Only this summary is kept, never the header or the address (GDPR Art. 5(1)(c)).
 */
export function deviceInfo(req: IncomingMessage): DeviceInfo {
  const ua = req.headers['user-agent'];
  const { browser, os, device } = new UAParser(typeof ua === 'string' ? ua.slice(0, 512) : '').getResult();
  const location = approximateLocation(req.socket.remoteAddress);
  return {
    ...(browser.name ? { browser: browserName(browser.name) } : {}),
    ...(browser.major ? { browser_version: browser.major } : {}),
    ...(os.name ? { os: osName(os.name) } : {}),
    device_type: device.type === 'mobile' || device.type === 'tablet' ? device.type : 'desktop',
    ...(location ? { location } : {}),
  };
}

/** "Chrome" for "Chrome Headless" and "Mobile Safari": the name a customer knows their browser by. */
function browserName(name: string): string {
  return name.replace(/ Headless$/, '').replace(/^Mobile /, '');
}

function osName(name: string): string {
  return name === 'Mac OS' ? 'macOS' : name;
}

/**
 * The demo has no internet and no IP geolocation database, so it places loopback, the only address its
 * browsers come from, in one fixed demo city, and says nothing for any other address. A real backend looks
 * the address up (a GeoIP database) and keeps only the city and country.
 */
export const DEMO_LOCATION: ApproximateLocation = { city: 'Lisbon', country: 'PT' };

function approximateLocation(address: string | undefined): ApproximateLocation | undefined {
  if (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1') return { ...DEMO_LOCATION };
  return undefined;
}
