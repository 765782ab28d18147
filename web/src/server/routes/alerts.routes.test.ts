import { describe, expect, it } from 'vitest';
import { alertLinkPath } from './alerts.routes.ts';

describe('alertLinkPath', () => {
  it('takes a spike explanation’s link or an SLA alert’s, and only inbox paths', () => {
    expect(alertLinkPath({ explanation: { linkPath: '/inbox?brandId=b&sentiment=negative' } })).toBe('/inbox?brandId=b&sentiment=negative');
    expect(alertLinkPath({ breached: 3, linkPath: '/inbox?brandId=b&response=missed' })).toBe('/inbox?brandId=b&response=missed');
    expect(alertLinkPath(null)).toBeNull();
    expect(alertLinkPath({ metric: 'negative' })).toBeNull();
    expect(alertLinkPath({ linkPath: 'https://evil.example/inbox?x' })).toBeNull();
    expect(alertLinkPath({ linkPath: 42 })).toBeNull();
  });
});
